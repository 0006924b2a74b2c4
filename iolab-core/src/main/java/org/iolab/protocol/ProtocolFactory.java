package org.iolab.protocol;

/**
 * Makes one {@link Protocol} per accepted connection.
 *
 * <p><b>Thread rule.</b> May be called from several engine threads at once; a factory that
 * shares state between connections (a chat room) must make that state thread-safe.
 */
@FunctionalInterface
public interface ProtocolFactory {

    Protocol newProtocol(ConnectionInfo connection);
}
