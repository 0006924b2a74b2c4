package org.iolab.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.iolab.protocol.Addresses;

/**
 * One TCP conversation: the lines typed go to the server, what it sends is shown as it comes.
 * It ends when you end it (end of input, Ctrl-D, Ctrl-C: status {@link #YOU_ENDED}) or when the
 * server closes or resets the connection, which is noticed at once, even while you are typing,
 * and said once ({@link #SERVER_ENDED}).
 *
 * <p>Thread rule: {@link #run} blocks its caller; it starts a reading and a typing thread of its own.
 */
public final class TcpClient {

    /** You ended it: end of input (the server's last replies shown first), or Ctrl-C. */
    public static final int YOU_ENDED = 0;
    /** The server closed or reset the connection first, or it could not be made. */
    public static final int SERVER_ENDED = 1;
    /** How long the replies may take after you end the input. */
    static final long LAST_REPLIES_MS = 10_000;
    /** How quiet the server is before a partial line is shown. */
    static final int QUIET_MS = 150;

    private final Console console;
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private volatile boolean inputEnded;

    public TcpClient(Console console) {
        this.console = console;
    }

    public int run(String host, int port) throws InterruptedException {
        return run(host, port, null);
    }

    /** A conversation over TLS when {@code tls} is given. */
    public int run(String host, int port, ClientTls tls) throws InterruptedException {
        try (Socket raw = new Socket()) {
            Socket socket = raw;
            try {
                raw.connect(new InetSocketAddress(host, port), 5000);
                raw.setSoTimeout(5000); // the handshake's bound
                if (tls != null) {
                    socket = tls.over(raw, host);
                }
                socket.setSoTimeout(QUIET_MS);
            } catch (IOException e) {
                console.say("iolab: cannot connect to " + host + ":" + port + ": " + e.getMessage());
                return SERVER_ENDED;
            }
            if (tls != null) {
                console.say("tls: " + tls.describe((javax.net.ssl.SSLSocket) socket));
            }
            if (console.interactive()) {
                console.say("connected to " + Addresses.shown(socket.getRemoteSocketAddress()) + " as "
                        + Addresses.shown(socket.getLocalSocketAddress()) + "; type lines, Ctrl-D to end");
            }
            Socket s = socket;
            Thread.ofPlatform().daemon(true).name("iolab-client-read").start(() -> read(s));
            Thread.ofPlatform().daemon(true).name("iolab-client-type").start(() -> type(s));
            try {
                return ended.get();
            } catch (ExecutionException e) {
                return SERVER_ENDED;
            }
        } catch (IOException closing) {
            return SERVER_ENDED;
        } finally {
            console.close();
        }
    }

    private void read(Socket socket) {
        ReplyDecoder decoder = new ReplyDecoder();
        byte[] buf = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException quiet) {
                    console.quiet();
                    continue;
                }
                if (n < 0) {
                    console.show(decoder.finish());
                    console.quiet();
                    if (!inputEnded) {
                        console.say("(connection closed by the server)");
                    }
                    ended.complete(inputEnded ? YOU_ENDED : SERVER_ENDED);
                    return;
                }
                console.show(decoder.decode(buf, n));
            }
        } catch (IOException e) {
            if (!ended.isDone()) {
                console.quiet();
                console.say(e instanceof SocketException && String.valueOf(e.getMessage()).contains("reset")
                        ? "(connection reset by the server)" : "(connection lost: " + e.getMessage() + ")");
            }
            ended.complete(SERVER_ENDED);
        }
    }

    private void type(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            String line;
            while ((line = console.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            inputEnded = true;
            if (console.interrupted()) {
                ended.complete(YOU_ENDED);
                return;
            }
            socket.shutdownOutput(); // the server sees the end; its last replies still come
            try {
                ended.get(LAST_REPLIES_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                ended.complete(YOU_ENDED);
            }
        } catch (IOException e) {
            ended.complete(SERVER_ENDED); // the reading thread says why
        } catch (InterruptedException | ExecutionException e) {
            ended.complete(YOU_ENDED);
        }
    }
}
