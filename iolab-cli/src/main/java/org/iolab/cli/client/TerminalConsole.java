package org.iolab.cli.client;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A person at a terminal, through JLine: a prompt, line editing and history; the server's lines
 * are printed above the line being typed, which is drawn again after them intact (a chat line
 * arriving mid-word no longer lands inside it). A partial line from the server (a menu's
 * {@code > } prompt) is held until the line ends or the server goes quiet.
 *
 * <p>Thread rule: see {@link Console}; JLine's {@code printAbove} may be called from any thread
 * while another reads.
 */
public final class TerminalConsole implements Console {

    static final String PROMPT = "> ";

    private final Terminal terminal;
    private final LineReader reader;
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean interrupted;

    public TerminalConsole() throws IOException {
        // the exec provider (stty): only iolab's native module may load native code (the launcher
        // denies the rest), so JLine's JNI and FFM providers are not for us
        this.terminal = TerminalBuilder.builder().system(true).providers("exec").build();
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("iolab").build();
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String readLine() {
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
            interrupted = true;
            return null;
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public boolean interrupted() {
        return interrupted;
    }

    @Override
    public void show(String text) {
        partial.append(text);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl);
            partial.delete(0, nl + 1);
            reader.printAbove(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
    }

    @Override
    public void quiet() {
        if (!partial.isEmpty()) {
            reader.printAbove(partial.toString());
            partial.setLength(0);
        }
    }

    @Override
    public void say(String message) {
        quiet();
        reader.printAbove(message);
    }

    @Override
    public void close() {
        quiet();
        try {
            terminal.close(); // gives the terminal its settings back
        } catch (IOException ignored) {
            // the process is ending
        }
    }
}
