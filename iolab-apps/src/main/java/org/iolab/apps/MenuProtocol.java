package org.iolab.apps;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.codec.LineDecoder;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * The call-centre menu of the source documents, in our own words: a greeting on connect;
 * {@code 0} puts you through to an operator; {@code exit} says goodbye and hangs up; anything
 * else asks you to choose again. Lines are UTF-8.
 *
 * <p>Thread rule: one instance per connection.
 */
public final class MenuProtocol implements Protocol {

    public static final String GREETING =
            "Welcome to the iolab call centre — press 0 for an operator, or type exit to hang up.\n";
    public static final String OPERATOR =
            "Putting you through to an operator. This call may be recorded.\n";
    public static final String AGAIN =
            "Sorry, that is not on the menu. Press 0 for an operator, or type exit to hang up.\n";
    public static final String GOODBYE = "Thank you for calling. Goodbye.\n";
    public static final String TOO_LONG = "error: line too long, hanging up\n";
    static final int MAX_LINE = 1024;

    private final LineDecoder lines = new LineDecoder(MAX_LINE);
    private Transport transport;

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        say(GREETING);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (!lines.feed(data, this::line)) {
            say(TOO_LONG);
            transport.close();
        }
    }

    private void line(byte[] bytes) {
        String choice = new String(bytes, StandardCharsets.UTF_8).strip();
        String reply = answer(choice);
        say(reply);
        if (reply.equals(GOODBYE)) {
            lines.stop();
            transport.close();
        }
    }

    /** The menu's reply to one choice. */
    public static String answer(String choice) {
        return switch (choice) {
            case "0" -> OPERATOR;
            case "exit" -> GOODBYE;
            default -> AGAIN;
        };
    }

    private void say(String text) {
        transport.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }
}
