package example;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.codec.LineDecoder;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/** Answers each line with the same line reversed; one instance per connection. */
public final class ReverseLines implements Protocol {

    private final LineDecoder lines = new LineDecoder(8192); // bytes come split or merged anyhow
    private Transport transport;

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) { // valid only during this call
        boolean ok = lines.feed(data, line -> {
            String reversed = new StringBuilder(new String(line, StandardCharsets.UTF_8)).reverse().toString();
            transport.write(ByteBuffer.wrap((reversed + "\n").getBytes(StandardCharsets.UTF_8)));
        });
        if (!ok) { // a line over 8 KiB: say so and hang up, rather than buffer without bound
            transport.write(ByteBuffer.wrap("error: line too long\n".getBytes(StandardCharsets.UTF_8)));
            transport.close();
        }
    }

    @Override
    public void connectionLost(Throwable cause) { // null when the close was clean
    }
}
