package example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.iolab.protocol.Connection;
import org.iolab.protocol.StreamHandler;

/**
 * A blocking handler, one call per connection on a thread of its own (the threads, pool and
 * virtual engines): it greets, answers each line upper-cased, and hangs up on {@code bye}.
 */
public final class Shouter implements StreamHandler {

    @Override
    public void handle(Connection c) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(c.output(), true, StandardCharsets.UTF_8);
        out.println("hello " + c.remoteAddress().getAddress().getHostAddress() + ", say something (bye to leave)");
        String line;
        while ((line = in.readLine()) != null && !line.equals("bye")) {
            out.println(line.toUpperCase(Locale.ROOT));
        }
        out.println("bye");
    } // returning closes the connection
}
