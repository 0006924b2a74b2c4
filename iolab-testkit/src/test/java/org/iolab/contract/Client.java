package org.iolab.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.iolab.server.Server;

/**
 * A blocking test client. Every read waits at most {@link #TIMEOUT_MS}, so no test can hang.
 */
final class Client implements AutoCloseable {

    static final int TIMEOUT_MS = 20_000;

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    private final BufferedReader reader;

    Client(Server server) throws IOException {
        this(server, 0);
    }

    /** @param receiveBuffer SO_RCVBUF to ask for before connecting, 0 for the default */
    Client(Server server, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line, or null at end of stream. Use either lines or raw reads on a client. */
    String readLine() throws IOException {
        return reader.readLine();
    }

    /** Reads exactly {@code n} bytes. */
    byte[] readExactly(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Whether the server closed (end of stream or a reset) within {@link #TIMEOUT_MS}. */
    boolean closedByServer() throws IOException {
        return closedByServer(TIMEOUT_MS);
    }

    /**
     * Whether the server closed, by end of stream or a reset, within {@code millis}; lines that
     * arrive first are read and dropped. {@code false} when the connection is still open then.
     */
    boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (reader.readLine() != null) {
                // drain what the server said before closing
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(TIMEOUT_MS);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
