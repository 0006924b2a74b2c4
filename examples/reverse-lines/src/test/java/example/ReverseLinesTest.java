package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

class ReverseLinesTest {

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachLineComesBackReversedHoweverTheBytesAreSplit() {
        MemoryTransport t = new MemoryTransport();
        ReverseLines p = new ReverseLines();
        p.connectionMade(t);
        p.dataReceived(utf8("hel"));
        p.dataReceived(utf8("lo\nwor"));
        p.dataReceived(utf8("ld\n"));
        assertEquals("olleh\ndlrow\n", t.writtenText());
    }

    @Test
    void aLineOverTheLimitIsRefusedAndTheConnectionClosed() {
        MemoryTransport t = new MemoryTransport();
        ReverseLines p = new ReverseLines();
        p.connectionMade(t);
        p.dataReceived(utf8("x".repeat(9000) + "\n"));
        assertEquals("error: line too long\n", t.writtenText());
        assertTrue(t.isClosed());
    }

    @Test
    void aRealServerOnAnEngineAnswersOverASocket() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().engine("virtual").host("127.0.0.1").port(0).build(),
                Application.tcp(info -> new ReverseLines()));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("stressed\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("desserts", in.readLine());
        }
    }
}
