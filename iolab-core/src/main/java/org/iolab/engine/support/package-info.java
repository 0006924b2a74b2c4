/**
 * Pieces every engine shares: the bounded {@link org.iolab.engine.support.OutputQueue}, the
 * {@link org.iolab.engine.support.ConnectionSet} behind limits and shutdown, listen helpers.
 */
package org.iolab.engine.support;
