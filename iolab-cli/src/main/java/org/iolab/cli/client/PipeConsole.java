package org.iolab.cli.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Plain pipes: lines from standard input, the server's text to standard output exactly as it
 * came (decoded), the client's own lines to standard error, no prompt.
 *
 * <p>Thread rule: see {@link Console}.
 */
public final class PipeConsole implements Console {

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    public PipeConsole(InputStream in, PrintStream out, PrintStream err) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String readLine() throws IOException {
        return in.readLine();
    }

    @Override
    public boolean interrupted() {
        return false;
    }

    @Override
    public void show(String text) {
        out.print(text);
        out.flush();
    }

    @Override
    public void quiet() {
    }

    @Override
    public void say(String message) {
        err.println(message);
        err.flush();
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
    }
}
