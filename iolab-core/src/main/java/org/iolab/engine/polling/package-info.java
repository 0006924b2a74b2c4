/** The {@code polling} engine: one thread busy-looping over non-blocking sockets. */
package org.iolab.engine.polling;
