package org.iolab.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * One accepted connection as blocking streams, for a {@link StreamHandler}.
 *
 * <p><b>Thread rule.</b> The input is read by the handler's thread; the output may be written
 * by any thread, one at a time (synchronize on it when several threads write).
 */
public interface Connection {

    InputStream input();

    OutputStream output();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();
}
