/**
 * Codecs that turn a byte stream, split or merged arbitrarily, into messages:
 * {@link org.iolab.codec.LineDecoder}.
 */
package org.iolab.codec;
