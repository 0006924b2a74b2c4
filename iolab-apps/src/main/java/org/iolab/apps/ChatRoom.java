package org.iolab.apps;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.iolab.codec.LineDecoder;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;

/**
 * A line-based chat room: every line a member sends reaches every member, the sender
 * included, as {@code ip:port message}. {@code quit} closes that member only. A line longer
 * than the limit (8 KiB) gets an error line, then the member is closed. A member that does not
 * read is dropped once more than the cap (1 MiB) is waiting for it, so it never stalls the room.
 *
 * <pre>{@code
 * Server.start(config, Application.tcp(new ChatRoom()));
 * }</pre>
 *
 * <p>Thread rule: one room for the whole server, shared by connections on many threads.
 * Broadcasts are serialized by the room's lock, so every member sees lines in the same order;
 * {@code Transport.write} never blocks, so the lock is held only while queueing.
 */
public final class ChatRoom implements ProtocolFactory {

    public static final int MAX_LINE = 8 * 1024;
    public static final long MEMBER_CAP = 1024 * 1024;
    static final byte[] TOO_LONG =
            ("error: line longer than " + MAX_LINE + " bytes, closing\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUIT = "quit".getBytes(StandardCharsets.US_ASCII);

    private final Set<Member> members = ConcurrentHashMap.newKeySet();
    private final Object broadcastLock = new Object();
    private final LongAdder slowConsumerDrops = new LongAdder();
    private final LongAdder tooLongLines = new LongAdder();

    @Override
    public Protocol newProtocol(ConnectionInfo connection) {
        return new Member(connection.remoteText() + " ");
    }

    /** Members present now. */
    public int size() {
        return members.size();
    }

    /** Members dropped because more than {@link #MEMBER_CAP} was waiting for them. */
    public long slowConsumerDrops() {
        return slowConsumerDrops.sum();
    }

    /** Members closed for sending a line over {@link #MAX_LINE}. */
    public long tooLongLines() {
        return tooLongLines.sum();
    }

    private void broadcast(byte[] message) {
        synchronized (broadcastLock) {
            for (Member m : members) {
                Transport t = m.transport;
                if (t.bufferedBytes() > MEMBER_CAP) {
                    members.remove(m);
                    slowConsumerDrops.increment();
                    t.abort();
                } else {
                    t.write(ByteBuffer.wrap(message));
                }
            }
        }
    }

    /** One member's connection. */
    private final class Member implements Protocol {
        private final byte[] prefix;
        private final LineDecoder lines = new LineDecoder(MAX_LINE);
        private Transport transport;

        Member(String prefix) {
            this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            members.add(this);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            boolean ok = lines.feed(data, this::line);
            if (!ok) {
                tooLongLines.increment();
                members.remove(this);
                transport.write(ByteBuffer.wrap(TOO_LONG));
                transport.close();
            }
        }

        private void line(byte[] line) {
            if (Arrays.equals(line, QUIT)) {
                members.remove(this);
                lines.stop();
                transport.close();
                return;
            }
            byte[] message = new byte[prefix.length + line.length + 1];
            System.arraycopy(prefix, 0, message, 0, prefix.length);
            System.arraycopy(line, 0, message, prefix.length, line.length);
            message[message.length - 1] = '\n';
            broadcast(message);
        }

        @Override
        public void connectionLost(Throwable cause) {
            members.remove(this);
        }
    }
}
