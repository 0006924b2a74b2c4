package org.iolab.engine.support;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.iolab.protocol.Addresses;
import org.iolab.server.ServerStats;

/**
 * The open connections of one server: enforces the connection limit, lets a shutdown ask
 * them all to close, wait, then abort the stragglers, and is where a connection's life is
 * logged (connected, refused, timed out, disconnected: the verbose level, rate-limited by
 * {@link SafeLog}; a refusal at the limit is a warning).
 *
 * <p>Thread rule: every method is safe from any thread.
 */
public final class ConnectionSet {

    /** What a shutdown needs of a connection. */
    public interface Member {
        /** The peer's address (for the log). */
        SocketAddress remoteAddress();

        /** Flush pending output, then close (a Transport's {@code close}). Must not block. */
        void close();

        /** Close now, discarding output. Must not block. */
        void abort();

        /** The server is stopping gracefully: close when the application is done (by default, {@link #close}). Must not block. */
        default void stopGracefully() {
            close();
        }

        /** Acts on a timeout that has passed at {@code now} (coarse nanos), if any. Must not block. */
        default void checkTimeouts(long now) {
        }
    }

    private static final System.Logger LOG = System.getLogger(ConnectionSet.class.getName());

    private final Set<Member> members = ConcurrentHashMap.newKeySet();
    private final ServerStats stats;
    private final int max;

    public ConnectionSet(ServerStats stats, int max) {
        this.stats = stats;
        this.max = max;
    }

    /**
     * Admits a new connection unless the limit is reached; returns {@code false} (and counts a
     * rejection) when it must be closed at once.
     */
    public boolean admit(Member m) {
        if (stats.opened() > max) {
            stats.closed();
            stats.onRejected();
            SafeLog.warn(LOG, "refused", () -> "refused " + Addresses.shown(m.remoteAddress())
                    + ": the server is at its limit, --max-connections " + max);
            return false;
        }
        stats.onAccepted();
        members.add(m);
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            SafeLog.event(LOG, "connected", () -> "connected " + Addresses.shown(m.remoteAddress())
                    + " (" + members.size() + " open)");
        }
        return true;
    }

    /** The connection has closed. Idempotent. */
    public void remove(Member m) {
        if (members.remove(m)) {
            stats.closed();
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                SafeLog.event(LOG, "disconnected", () -> "disconnected " + Addresses.shown(m.remoteAddress())
                        + " (" + members.size() + " open)");
            }
        }
    }

    /** Counts and logs {@code m}'s timeout; the caller then acts on it (an error line, a close, a reset). */
    public void timedOut(Member m, ServerStats.Timeout kind) {
        stats.onTimeout(kind);
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            SafeLog.event(LOG, "timeout", () -> Addresses.shown(m.remoteAddress()) + switch (kind) {
                case LINE -> ": line timeout (a line left unfinished): error line sent, closing";
                case IDLE -> ": idle timeout (sent nothing): closing";
                case WRITE_STALL -> ": write-stall timeout (read none of its pending output): reset";
                case HANDSHAKE -> ": TLS handshake timeout (did not finish it): closing";
                case LINGER -> ": lingering close: still sending after " + org.iolab.protocol.Transport.LINGER_SECONDS
                        + " s: reset";
            });
        }
    }

    /** Each open connection (a view as of now). */
    public void forEach(java.util.function.Consumer<Member> action) {
        members.forEach(action);
    }

    public int size() {
        return members.size();
    }

    /** Asks all to close gracefully, waits up to {@code grace}, aborts the rest. */
    public void closeAll(Duration grace) {
        for (Member m : List.copyOf(members)) {
            m.stopGracefully();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!members.isEmpty() && System.nanoTime() - deadline < 0) {
            if (!Threads.sleep(10)) {
                break;
            }
        }
        for (Member m : List.copyOf(members)) {
            m.abort();
        }
    }
}
