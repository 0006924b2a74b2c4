package org.iolab.apps;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * The upper echo with heavy requests among the light ones: what the source documents warn of,
 * that one handler's large work is "a disaster" for an event-driven server. Bytes are echoed
 * upper-cased as they come (the upper app, byte-exact), but a command line is answered only once
 * its work is done:
 * <ul>
 * <li>{@code !burn MS} computes for MS milliseconds (a busy loop on the clock), answered
 *     {@code !BURN MS};
 * <li>{@code !sleep MS} waits MS milliseconds (a blocking call), answered {@code !SLEEP MS}.
 * </ul>
 * MS is at most {@value #MAX_MILLIS}; a command that is not one of these, or too long, is echoed
 * upper-cased as any other bytes are. On the connection's thread ({@code heavy}) the work stalls
 * whatever else that thread serves: on an event loop, every connection of the loop. With
 * {@code offload} ({@code heavy-offload}) it goes to the server's workers through
 * {@link Transport#executeBlocking}, and the connection's later bytes wait behind it, in order.
 *
 * <p>Thread rule: one instance per connection (see {@link Protocol}); its state is the
 * connection's thread's (completions of offloaded work run there too).
 */
public final class HeavyEcho implements Protocol {

    /** The longest work a command may ask for, in milliseconds. */
    public static final int MAX_MILLIS = 1000;
    private static final int MAX_COMMAND = 32;

    private final boolean offload;
    private Transport transport;
    /** A command being read ({@code !...} up to its line's end), or {@code null}. */
    private byte[] command;
    private int commandLength;
    /** Offloaded works whose answers have not gone yet: later bytes wait behind them. */
    private int pending;

    public HeavyEcho(boolean offload) {
        this.offload = offload;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        while (data.hasRemaining()) {
            if (command != null) {
                readCommand(data);
                continue;
            }
            int bang = indexOf(data, (byte) '!');
            if (bang < 0) {
                echo(data); // the usual case: no command, the engine's buffer echoed as it is
                return;
            }
            int limit = data.limit();
            data.limit(bang);
            echo(data);
            data.limit(limit).position(bang + 1);
            command = new byte[MAX_COMMAND];
            command[0] = '!';
            commandLength = 1;
        }
    }

    private void readCommand(ByteBuffer data) {
        while (data.hasRemaining()) {
            byte b = data.get();
            if (b == '\n') {
                endCommand(true);
                return;
            }
            command[commandLength++] = b;
            if (commandLength == MAX_COMMAND) {
                endCommand(false); // too long for a command: plain bytes
                return;
            }
        }
    }

    private static int indexOf(ByteBuffer data, byte b) {
        for (int i = data.position(); i < data.limit(); i++) {
            if (data.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private void endCommand(boolean wholeLine) {
        String text = new String(command, 0, commandLength, StandardCharsets.US_ASCII);
        command = null;
        Work work = wholeLine ? Work.parse(text) : null;
        String answer = text.toUpperCase(java.util.Locale.ROOT) + (wholeLine ? "\n" : "");
        if (work == null) {
            echo(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
        } else if (offload) {
            pending++;
            transport.executeBlocking(() -> {
                work.run();
                return answer;
            }, this::answered);
        } else {
            work.run();
            write(answer);
        }
    }

    private void answered(String answer, Throwable failure) {
        pending--;
        write(failure == null ? answer : "!FAILED " + failure.getClass().getSimpleName() + "\n");
    }

    /** Upper-cases and writes {@code bytes}, behind the offloaded work when some is pending. */
    private void echo(ByteBuffer bytes) {
        if (!bytes.hasRemaining()) {
            return;
        }
        if (pending == 0) {
            Upper.inPlace(bytes);
            transport.write(bytes);
            return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        pending++;
        transport.executeBlocking(() -> new String(copy, StandardCharsets.ISO_8859_1), (text, failure) -> {
            pending--;
            ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
            Upper.inPlace(out);
            transport.write(out);
        });
    }

    private void write(String text) {
        transport.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * One command's work: {@code !burn MS} or {@code !sleep MS} (another server that speaks the
     * heavy app, the lab's Netty peer, parses and runs it the same way).
     */
    public record Work(boolean sleep, int millis) {

        /** The work of a command line (without its line end), or {@code null} when it is none. */
        public static Work parse(String line) {
            String[] parts = line.strip().split(" ");
            if (parts.length != 2 || !(parts[0].equals("!burn") || parts[0].equals("!sleep"))) {
                return null;
            }
            int ms;
            try {
                ms = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            return ms < 0 || ms > MAX_MILLIS ? null : new Work(parts[0].equals("!sleep"), ms);
        }

        /** Does it: waits, or computes on the clock. */
        public void run() {
            if (sleep) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            long end = System.nanoTime() + millis * 1_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++) {
                    x += i * x + 1;
                }
            }
            if (x == 42) {
                Thread.onSpinWait(); // keeps the loop from being optimised away
            }
        }
    }
}
