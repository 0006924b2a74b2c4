package org.iolab.engine.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.iolab.server.ServerStats.Timeout;

/**
 * The timeouts of one connection, for every engine: when input last came (read-idle), since
 * when a line has been left incomplete (the line deadline, for apps that speak lines), and since
 * when output has been stuck (write stall: the caller says, from its output queue or a blocking
 * write). Stamps use the coarse {@link Clock}, up to a tick old, so each deadline waits a tick
 * longer than asked: it never fires early, and at most two ticks (half the shortest timeout)
 * late. The sweeper thread reads them without locking (opaque access).
 *
 * <p>Thread rule: {@link #input} by the thread that reads; {@link #expired} by the sweeper.
 */
public final class Deadlines {

    private static final VarHandle LAST_INPUT;
    private static final VarHandle PARTIAL_SINCE;
    private static final VarHandle HANDSHAKE_SINCE;
    private static final VarHandle LINGER_SINCE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LAST_INPUT = l.findVarHandle(Deadlines.class, "lastInput", long.class);
            PARTIAL_SINCE = l.findVarHandle(Deadlines.class, "partialSince", long.class);
            HANDSHAKE_SINCE = l.findVarHandle(Deadlines.class, "handshakeSince", long.class);
            LINGER_SINCE = l.findVarHandle(Deadlines.class, "lingerSince", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long lineNanos;
    private final long idleNanos;
    private final long stallNanos;
    private final long handshakeNanos;
    private final long slackNanos;
    private final byte[] timeoutReply; // null: lines, whose ends the input shows; else the app marks requests
    @SuppressWarnings("unused") // through LAST_INPUT
    private long lastInput = Clock.now();
    @SuppressWarnings("unused") // through PARTIAL_SINCE
    private long partialSince;
    @SuppressWarnings("unused") // through HANDSHAKE_SINCE: 0 once done (or in clear text)
    private long handshakeSince;
    @SuppressWarnings("unused") // through LINGER_SINCE: when a lingering close shut the write side, else 0
    private long lingerSince;
    /** Whether a timeout was acted on ({@link #due}). Sweeper thread. */
    private boolean fired;
    private static final long LINGER_NANOS = org.iolab.protocol.Transport.LINGER_SECONDS * 1_000_000_000L;

    public Deadlines(ServerContext server) {
        long slack = server.sweeper() == null ? 0 : server.sweeper().tickNanos();
        this.timeoutReply = server.app().requestTimeoutReply();
        this.lineNanos = server.app().lineBased() ? server.config().lineTimeout().toNanos() : 0;
        this.idleNanos = server.app().idleExempt() ? 0 : server.config().idleTimeout().toNanos();
        this.stallNanos = server.config().writeStallTimeout().toNanos();
        this.handshakeNanos = server.config().tls() == null ? 0 : server.config().tls().handshakeTimeout().toNanos();
        this.slackNanos = slack;
        if (handshakeNanos > 0) {
            handshakeSince = lastInput;
        }
    }

    /** Whether any of them is on (else nothing needs stamping). */
    public boolean any() {
        return lineNanos > 0 || idleNanos > 0 || stallNanos > 0 || handshakeNanos > 0;
    }

    /** A lingering close has shut the write side: it reads on for {@code Transport.LINGER_SECONDS} at most. */
    public void lingerStarted() {
        LINGER_SINCE.setOpaque(this, Clock.now());
    }

    /** The linger deadline has been acted on. */
    public void lingerEnded() {
        LINGER_SINCE.setOpaque(this, 0L);
    }

    /** The TLS handshake is done: its deadline no longer applies. */
    public void handshakeDone() {
        HANDSHAKE_SINCE.setOpaque(this, 0L);
    }

    /** Input arrived: stamps it, and whether it ends inside a line. Call before the app sees it. */
    void input(ByteBuffer data) {
        if (data.hasRemaining()) {
            input(data.get(data.limit() - 1));
        }
    }

    /** Input arrived, its last byte {@code last}: stamps it, and whether it ends inside a line. */
    public void input(byte last) {
        long now = Clock.now();
        LAST_INPUT.setOpaque(this, now);
        if (lineNanos > 0 && timeoutReply == null) {
            boolean partial = last != '\n';
            long since = (long) PARTIAL_SINCE.getOpaque(this);
            if (!partial) {
                PARTIAL_SINCE.setOpaque(this, 0L);
            } else if (since == 0) {
                PARTIAL_SINCE.setOpaque(this, now);
            }
        }
    }

    /**
     * The timeout to act on at {@code now}, or {@code null}: the first that passes, once (a
     * connection is closed once); after it only the linger deadline, which ends a close that
     * the first began (a 408 still lingers). Sweeper thread.
     */
    public Timeout due(long now, long stuckSince) {
        Timeout kind = expired(now, stuckSince);
        if (kind == null || fired && kind != Timeout.LINGER) {
            return null;
        }
        fired = true;
        if (kind == Timeout.LINGER) {
            lingerEnded();
        }
        return kind;
    }

    /**
     * The timeout that has passed at {@code now}, or {@code null}. {@code stuckSince}: since when
     * output has been waiting on the peer (0: nothing is waiting); a connection with output
     * waiting is not idle.
     */
    public Timeout expired(long now, long stuckSince) {
        long linger = (long) LINGER_SINCE.getOpaque(this);
        if (linger != 0 && now - linger > LINGER_NANOS + slackNanos) {
            return Timeout.LINGER;
        }
        long handshake = (long) HANDSHAKE_SINCE.getOpaque(this);
        if (handshakeNanos > 0 && handshake != 0 && now - handshake > handshakeNanos + slackNanos) {
            return Timeout.HANDSHAKE;
        }
        long partial = (long) PARTIAL_SINCE.getOpaque(this);
        if (lineNanos > 0 && partial != 0 && now - partial > lineNanos + slackNanos) {
            return Timeout.LINE;
        }
        if (stallNanos > 0 && stuckSince != 0 && now - stuckSince > stallNanos + slackNanos) {
            return Timeout.WRITE_STALL;
        }
        if (idleNanos > 0 && stuckSince == 0 && now - (long) LAST_INPUT.getOpaque(this) > idleNanos + slackNanos) {
            return Timeout.IDLE;
        }
        return null;
    }

    /** The application says whether a request is pending (see {@code Transport.requestPending}). */
    public void pending(boolean pending) {
        if (lineNanos > 0 && timeoutReply != null) {
            long since = (long) PARTIAL_SINCE.getOpaque(this);
            if (!pending) {
                if (since != 0) {
                    PARTIAL_SINCE.setOpaque(this, 0L);
                }
            } else if (since == 0) {
                PARTIAL_SINCE.setOpaque(this, Clock.now());
            }
        }
    }

    /** What the peer gets when its line (or request) deadline passes. */
    public ByteBuffer lineTimeoutMessage() {
        if (timeoutReply != null) {
            return ByteBuffer.wrap(timeoutReply);
        }
        return ByteBuffer.wrap(("error: line not completed within " + seconds(lineNanos) + " s, closing\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
