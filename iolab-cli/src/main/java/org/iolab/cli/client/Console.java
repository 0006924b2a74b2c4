package org.iolab.cli.client;

import java.io.IOException;

/**
 * Where the client reads the lines you type and shows what the server sends: a terminal with a
 * line editor ({@link TerminalConsole}), or plain pipes ({@link PipeConsole}).
 *
 * <p>Thread rule: {@link #readLine} from the input thread only; {@link #show}, {@link #quiet}
 * and {@link #say} from the reading thread (and {@link #say} from the client's own thread).
 */
public interface Console extends AutoCloseable {

    /** Whether a person types at a terminal (a prompt, a banner). */
    boolean interactive();

    /**
     * The next line typed, without its end; {@code null} at the end of input (Ctrl-D, the end
     * of a pipe) or after Ctrl-C ({@link #interrupted} then says which).
     */
    String readLine() throws IOException;

    /** Whether input ended with Ctrl-C rather than Ctrl-D or the end of a pipe. */
    boolean interrupted();

    /** Text from the server as it arrives (whole lines above the line being typed, at a terminal). */
    void show(String text);

    /** The server has been quiet for a moment: show a partial line held back (a prompt such as {@code > }). */
    void quiet();

    /** A line of the client's own ({@code (connection closed by the server)}), apart from the server's text. */
    void say(String message);

    @Override
    void close();
}
