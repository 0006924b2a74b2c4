/**
 * The application's side: {@link org.iolab.protocol.Protocol} and
 * {@link org.iolab.protocol.Transport} (Twisted-style callbacks),
 * {@link org.iolab.protocol.StreamHandler} (socketserver-style blocking streams) and
 * {@link org.iolab.protocol.DatagramProtocol} (UDP). Nothing here knows about engines.
 */
package org.iolab.protocol;
