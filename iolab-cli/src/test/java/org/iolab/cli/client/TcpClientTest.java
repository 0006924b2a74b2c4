package org.iolab.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against real servers that close, reset and send multi-byte text in odd pieces,
 * with plain pipes (the terminal: {@link TerminalClientTest}). Every wait is bounded.
 */
class TcpClientTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    private PipeConsole console(InputStream in) {
        return new PipeConsole(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A one-connection server on a free port that does {@code with} to its client. */
    private int serve(ServerWork with) throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).start(() -> {
            try (Socket s = listener.accept()) {
                with.run(s);
            } catch (IOException | InterruptedException ignored) {
                // the test looks at what the client saw
            }
        });
        return listener.getLocalPort();
    }

    private interface ServerWork {
        void run(Socket s) throws IOException, InterruptedException;
    }

    private int runClient(InputStream typed, int port) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new TcpClient(console(typed)).run("127.0.0.1", port);
            } catch (InterruptedException e) {
                return -1;
            }
        }).get(20, TimeUnit.SECONDS);
    }

    private String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aServerThatHangsUpIsNoticedAtOnceWhileInputIsStillOpenAndSaidOnce() throws Exception {
        int port = serve(s -> s.getOutputStream().write("goodbye\n".getBytes(StandardCharsets.UTF_8)));
        try (PipedOutputStream typing = new PipedOutputStream(); PipedInputStream typed = new PipedInputStream(typing)) {
            int status = runClient(typed, port); // nothing typed, input never ends
            assertThat(status).isEqualTo(TcpClient.SERVER_ENDED);
        }
        assertThat(text(out)).isEqualTo("goodbye\n");
        assertThat(text(err)).isEqualTo("(connection closed by the server)\n");
    }

    @Test
    void aResetIsCalledAReset() throws Exception {
        int port = serve(s -> {
            s.getInputStream().read(new byte[100]);
            s.setSoLinger(true, 0); // close with RST
        });
        try (PipedOutputStream typing = new PipedOutputStream(); PipedInputStream typed = new PipedInputStream(typing)) {
            typing.write("hello\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            assertThat(runClient(typed, port)).isEqualTo(TcpClient.SERVER_ENDED);
        }
        assertThat(text(err)).isEqualTo("(connection reset by the server)\n");
    }

    @Test
    void endingTheInputShowsTheLastRepliesAndIsYourEnd() throws Exception {
        int port = serve(s -> {
            InputStream in = s.getInputStream();
            OutputStream o = s.getOutputStream();
            int b;
            while ((b = in.read()) >= 0) { // upper-case echo until the client's end
                o.write(Character.toUpperCase(b));
            }
        });
        assertThat(runClient(new ByteArrayInputStream("hello\nbye\n".getBytes(StandardCharsets.UTF_8)), port))
                .isEqualTo(TcpClient.YOU_ENDED);
        assertThat(text(out)).isEqualTo("HELLO\nBYE\n");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void multiByteTextSplitAtOddPlacesArrivesWhole() throws Exception {
        byte[] accents = "é".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        int port = serve(s -> {
            s.setTcpNoDelay(true);
            OutputStream o = s.getOutputStream();
            for (int from = 0; from < accents.length; from += 4093) { // odd: every piece ends mid-character
                o.write(accents, from, Math.min(4093, accents.length - from));
                o.flush();
                Thread.sleep(1);
            }
        });
        try (PipedOutputStream typing = new PipedOutputStream(); PipedInputStream typed = new PipedInputStream(typing)) {
            runClient(typed, port);
        }
        assertThat(text(out)).isEqualTo("é".repeat(20_000));
    }

    @Test
    void noServerAtAllIsSaidWithTheAddress() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        assertThat(runClient(new ByteArrayInputStream(new byte[0]), port)).isEqualTo(TcpClient.SERVER_ENDED);
        assertThat(text(err)).startsWith("iolab: cannot connect to 127.0.0.1:" + port + ": ");
    }

    @Test
    void aDatagramToAPortNobodyListensOnIsReportedUnreachable() throws Exception {
        int port;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = gone.getLocalPort();
        }
        int status = new UdpClient(console(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8))))
                .run("127.0.0.1", port);
        assertThat(status).isEqualTo(TcpClient.SERVER_ENDED);
        assertThat(text(err)).isEqualTo("(port unreachable: nothing listens on 127.0.0.1:" + port + ")\n");
    }
}
