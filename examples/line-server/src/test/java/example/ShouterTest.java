package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShouterTest {

    @ParameterizedTest
    @ValueSource(strings = {"threads", "pool", "virtual"})
    void greetsAnswersUpperCasedAndHangsUpOnBye(String engine) throws Exception {
        try (Server server = Server.start(ServerConfig.builder().engine(engine).host("127.0.0.1").port(0).build(),
                Application.stream(new Shouter()));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            assertEquals("hello 127.0.0.1, say something (bye to leave)", in.readLine());
            out.println("quiet please");
            assertEquals("QUIET PLEASE", in.readLine());
            out.println("bye");
            assertEquals("bye", in.readLine());
            assertNull(in.readLine()); // the server hung up
        }
    }
}
