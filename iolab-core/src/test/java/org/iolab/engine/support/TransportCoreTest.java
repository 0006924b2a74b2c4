package org.iolab.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;
import org.junit.jupiter.api.Test;

/**
 * The transport core once, with an in-memory fake: a "kernel" that takes only as many bytes as
 * the test lets it, and a protocol that records every callback (and any that nests in another).
 */
class TransportCoreTest {

    /** Water marks 50/100 bytes, so a few writes visit every zone. */
    private static final ServerConfig CONFIG = ServerConfig.builder().waterMarks(50, 100).build();

    /** Work asked for "later": it waits here until a test runs it ({@link #runLater}). */
    private static final List<Runnable> LATER = new ArrayList<>();

    /** A single-threaded test: everything is serialized, and runs at once unless asked for later. */
    private static final Serializer IMMEDIATE = new Serializer() {
        @Override
        public void serialize(Runnable task) {
            task.run();
        }

        @Override
        public void serializeLater(Runnable task) {
            LATER.add(task);
        }

        @Override
        public boolean isSerialized() {
            return true;
        }
    };

    /** A connection whose socket is a byte sink with a window the test opens. Single-threaded. */
    static final class FakeConnection extends TransportCore {
        @Override
        protected void shutdownOutput() {
            // nothing to shut: no socket
        }

        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        int window;
        boolean readingWanted;
        int releases;
        boolean reset;

        FakeConnection(ServerContext server) {
            super(server, IMMEDIATE, new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 9000));
        }

        /** The peer reads {@code n} bytes: the kernel takes that much more. */
        void peerReads(int n) {
            window += n;
            pump();
        }

        void arrive(String text) {
            deliver(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        }

        void peerHalfCloses() {
            endOfInput();
        }

        void ioError() {
            fail(new IOException("connection reset (fake)"));
        }

        private void pump() {
            ByteBuffer head;
            while (window > 0 && (head = queue.head()) != null) {
                int n = Math.min(window, head.remaining());
                sent.write(head.array(), head.arrayOffset() + head.position(), n);
                head.position(head.position() + n);
                window -= n;
                queue.consumed(n);
            }
            outputChanged();
        }

        String sentText() {
            return sent.toString(StandardCharsets.US_ASCII);
        }

        @Override
        protected void enqueue(ByteBuffer data) {
            queue.append(data);
            pump();
        }


        @Override
        protected void readInterestChanged() {
            readingWanted = wantsToRead();
        }

        @Override
        protected void release(boolean withReset) {
            releases++;
            reset = withReset;
        }
    }

    /** Records callbacks as text; "NESTED" when one starts inside another. */
    static final class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        Transport transport;
        Consumer<String> onData = s -> { };
        Consumer<Boolean> onWritability = w -> { };
        private int depth;

        private void enter(String event) {
            if (depth > 0) {
                events.add("NESTED " + event);
            }
            events.add(event);
            depth++;
        }

        @Override
        public void connectionMade(Transport t) {
            enter("made");
            transport = t;
            depth--;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            String s = StandardCharsets.US_ASCII.decode(data).toString();
            enter("data " + s);
            try {
                onData.accept(s);
            } finally {
                depth--;
            }
        }

        @Override
        public void writabilityChanged(boolean writable) {
            enter("writable " + writable);
            try {
                onWritability.accept(writable);
            } finally {
                depth--;
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            enter("lost " + (cause == null ? "clean" : cause.getMessage()));
            depth--;
        }
    }

    private ServerContext server = context(Application.tcp(info -> null));
    private final Recorder protocol = new Recorder();
    private FakeConnection c = new FakeConnection(server);

    /** A connection of an app that speaks lines (or is exempt from the idle timeout). */
    private FakeConnection openedFor(Application app) {
        server = context(app);
        c = new FakeConnection(server);
        return opened();
    }

    private static ServerContext context(Application app) {
        try {
            return ServerContext.of(CONFIG, app); // in clear text: nothing to fail
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final long SECOND = 1_000_000_000L;

    private FakeConnection opened() {
        LATER.clear();
        assertThat(server.connections().admit(c)).isTrue();
        c.open(info -> protocol);
        return c;
    }

    private static ByteBuffer bytes(int n, char ch) {
        return ByteBuffer.wrap(String.valueOf(ch).repeat(n).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void whatTheKernelDoesNotTakeIsQueuedAndSentLaterInOrder() {
        opened();
        c.window = 3;
        c.write(bytes(5, 'a'));
        c.write(bytes(2, 'b'));
        assertThat(c.sentText()).isEqualTo("aaa");
        assertThat(c.bufferedBytes()).isEqualTo(4);
        c.peerReads(10);
        assertThat(c.sentText()).isEqualTo("aaaaabb");
        assertThat(c.bufferedBytes()).isZero();
    }

    @Test
    void writabilityFallsAboveTheHighMarkAndReturnsOnlyAtTheLowMark() {
        opened();
        c.write(bytes(90, 'x'));
        assertThat(c.isWritable()).isTrue();
        c.write(bytes(20, 'y')); // 110 pending: above high
        assertThat(c.isWritable()).isFalse();
        assertThat(c.readingWanted).as("reading pauses above high water").isFalse();
        c.peerReads(35); // 75 pending: between the marks, still not writable
        assertThat(c.isWritable()).isFalse();
        assertThat(c.readingWanted).isFalse();
        c.peerReads(25); // 50 pending: at the low mark
        assertThat(c.isWritable()).isTrue();
        assertThat(c.readingWanted).isTrue();
        assertThat(protocol.events).containsExactly("made", "writable false", "writable true");
    }

    @Test
    void pauseAndResumeReading() {
        opened();
        assertThat(c.readingWanted).isTrue();
        c.pauseReading();
        assertThat(c.readingWanted).isFalse();
        c.resumeReading();
        assertThat(c.readingWanted).as("not within the call: held input would run a callback inside the caller")
                .isFalse();
        runLater();
        assertThat(c.readingWanted).isTrue();
    }

    private static void runLater() {
        List<Runnable> tasks = List.copyOf(LATER);
        LATER.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void closeFlushesEverythingThenClosesWithoutAResetAndReportsACleanLossOnce() {
        opened();
        c.write(bytes(10, 'z'));
        c.close();
        assertThat(c.isOpen()).isFalse();
        assertThat(c.releases).as("not before the queue is sent").isZero();
        assertThat(c.readingWanted).as("no more reading while closing").isFalse();
        c.write(bytes(3, 'q')); // after close: discarded
        c.peerReads(100);
        assertThat(c.sentText()).isEqualTo("z".repeat(10));
        assertThat(c.releases).isEqualTo(1);
        assertThat(c.reset).isFalse();
        c.close();
        c.abort();
        assertThat(c.releases).isEqualTo(1);
        assertThat(protocol.events).containsExactly("made", "lost clean");
        assertThat(server.connections().size()).isZero();
        assertThat(server.stats().failed()).isZero();
    }

    @Test
    void abortDropsPendingOutputAndResets() {
        opened();
        c.write(bytes(10, 'z'));
        c.abort();
        assertThat(c.releases).isEqualTo(1);
        assertThat(c.reset).isTrue();
        assertThat(c.bufferedBytes()).isZero();
        assertThat(protocol.events).containsExactly("made", "lost clean");
    }

    @Test
    void aPeersHalfCloseStillGetsEveryPendingReplyThenTheConnectionCloses() {
        opened();
        c.write(bytes(4, 'r'));
        c.peerHalfCloses();
        assertThat(c.releases).isZero();
        c.peerReads(4);
        assertThat(c.sentText()).isEqualTo("rrrr");
        assertThat(c.releases).isEqualTo(1);
        assertThat(c.reset).isFalse();
    }

    @Test
    void aFailingCallbackResetsTheConnectionCountsItAndReportsItsCause() {
        opened();
        protocol.onData = s -> {
            throw new IllegalStateException("boom (expected by the test)");
        };
        c.arrive("x");
        assertThat(c.reset).isTrue();
        assertThat(server.stats().failed()).isEqualTo(1);
        assertThat(server.connections().size()).isZero();
        assertThat(protocol.events).containsExactly("made", "data x", "lost boom (expected by the test)");
    }

    @Test
    void anIoErrorEndsTheConnectionOnceWithItsCause() {
        opened();
        c.ioError();
        c.ioError();
        assertThat(c.releases).isEqualTo(1);
        assertThat(server.stats().failed()).isEqualTo(1);
        assertThat(protocol.events).containsExactly("made", "lost connection reset (fake)");
    }

    @Test
    void connectionLostNeverRunsInsideTheCallbackThatClosed() {
        opened();
        protocol.onData = s -> protocol.transport.close();
        c.arrive("bye");
        assertThat(protocol.events).containsExactly("made", "data bye", "lost clean");
    }

    @Test
    void writabilityChangedNeverRunsInsideTheCallbackThatCausedIt() {
        opened();
        protocol.onData = s -> protocol.transport.write(bytes(150, 'w'));
        c.arrive("flood");
        assertThat(protocol.events).containsExactly("made", "data flood", "writable false");
    }

    @Test
    void aCallbackThatClosesFromWritabilityChangedStillGetsOneLoss() {
        opened();
        protocol.onWritability = w -> protocol.transport.abort();
        c.write(bytes(150, 'w'));
        assertThat(protocol.events).containsExactly("made", "writable false", "lost clean");
        assertThat(c.releases).isEqualTo(1);
    }

    @Test
    void anIncompleteLineGetsAnErrorLineThenACloseOnceItsDeadlinePasses() {
        openedFor(Application.tcp(info -> null).lines());
        c.window = 1000;
        long t0 = Clock.now();
        c.arrive("hel");
        c.checkTimeouts(t0 + 29 * SECOND);
        assertThat(c.releases).as("not yet").isZero();
        c.checkTimeouts(t0 + 30 * SECOND); // the timeout, but not the sweeper's tick more that stamps may lag
        assertThat(c.releases).as("never early").isZero();
        c.checkTimeouts(t0 + 32 * SECOND);
        assertThat(c.sentText()).isEqualTo("error: line not completed within 30 s, closing\n");
        assertThat(c.releases).isEqualTo(1);
        assertThat(c.reset).isFalse();
        assertThat(server.stats().timeouts(ServerStats.Timeout.LINE)).isEqualTo(1);
        c.checkTimeouts(t0 + 99 * SECOND);
        assertThat(server.stats().timeouts(ServerStats.Timeout.LINE)).as("once").isEqualTo(1);
    }

    @Test
    void aCompletedLineClearsTheDeadlineAndAppsWithoutLinesHaveNone() {
        openedFor(Application.tcp(info -> null).lines());
        long t0 = Clock.now();
        c.arrive("hel");
        c.arrive("lo\n");
        c.checkTimeouts(t0 + 60 * SECOND);
        assertThat(c.releases).isZero();
        openedFor(Application.tcp(info -> null));
        c.arrive("no newline, and no line deadline");
        c.checkTimeouts(t0 + 60 * SECOND);
        assertThat(c.releases).isZero();
    }

    @Test
    void anIdleConnectionIsClosedUnlessTheAppIsExempt() {
        openedFor(Application.tcp(info -> null));
        long t0 = Clock.now();
        c.checkTimeouts(t0 + 299 * SECOND);
        assertThat(c.releases).isZero();
        c.checkTimeouts(t0 + 302 * SECOND);
        assertThat(c.releases).isEqualTo(1);
        assertThat(server.stats().timeouts(ServerStats.Timeout.IDLE)).isEqualTo(1);
        openedFor(Application.tcp(info -> null).exemptFromIdleTimeout());
        c.checkTimeouts(t0 + 3000 * SECOND);
        assertThat(c.releases).as("a chat member may only listen").isZero();
    }

    @Test
    void outputThatMakesNoProgressIsResetOnceTheStallTimeoutPasses() {
        opened();
        long t0 = Clock.now();
        c.write(bytes(10, 's')); // the kernel takes nothing: pending from now
        c.checkTimeouts(t0 + 59 * SECOND);
        assertThat(c.releases).isZero();
        c.checkTimeouts(t0 + 62 * SECOND);
        assertThat(c.releases).isEqualTo(1);
        assertThat(c.reset).as("pending output cannot be flushed: reset").isTrue();
        assertThat(server.stats().timeouts(ServerStats.Timeout.WRITE_STALL)).isEqualTo(1);
    }
}
