package org.iolab.engine.event;

import java.io.IOException;
import org.iolab.engine.support.AcceptErrors;
import org.iolab.engine.support.DescriptorReserve;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.ServerContext;
import org.iolab.server.ServerStats;

/**
 * Loop 0's side of the listening socket, for every event-loop engine: take what is pending,
 * deal each new connection to the next loop of the group. Out of descriptors, the server's
 * reserve descriptor is freed to accept and close what is pending, so those clients see a clean
 * end; after another failure (or without a reserve) it stops watching the socket for
 * {@link AcceptErrors#PAUSE_MILLIS} instead of spinning on it. Subclasses say how to accept one
 * connection, how to close one at once, how to watch the socket, and how a loop takes a
 * connection in.
 *
 * <p>Thread rule: loop 0's thread, except {@link #open}, which runs on the chosen loop.
 *
 * @param <D> the engine's driver type
 * @param <H> what an accepted connection is before a loop takes it (a channel, a descriptor)
 */
public abstract class Acceptor<D extends IoDriver, H> {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final LoopGroup<D> group;
    private final ServerStats stats;
    private final DescriptorReserve reserve;
    private final int budget;
    private final Runnable resume = this::resume;
    private boolean paused;
    /** At most this many pending connections are turned away per failure (the rest: next event). */
    private static final int MAX_TURNED_AWAY = 1024;

    /** @param budget connections accepted per {@link #acceptReady} before other work gets a turn */
    protected Acceptor(LoopGroup<D> group, ServerContext context, int budget) {
        this.group = group;
        this.stats = context.stats();
        this.reserve = context.reserve();
        this.budget = budget;
    }

    /** Accepts one pending connection; {@code null} when none is pending. */
    protected abstract H acceptOne() throws IOException;

    /** Closes a connection accepted only to be turned away. */
    protected abstract void closeAccepted(H accepted);

    /** Starts or stops watching the listening socket. */
    protected abstract void watch(boolean on) throws IOException;

    /** Takes an accepted connection into {@code loop}. Runs on that loop's thread. */
    protected abstract void open(EventLoop<D> loop, H accepted);

    /** The listening socket is ready: accepts up to the budget and deals each connection. */
    public final void acceptReady() {
        for (int i = 0; i < budget && !paused; i++) {
            H h;
            try {
                h = acceptOne();
            } catch (IOException e) {
                failed(e);
                return;
            }
            if (h == null) {
                return;
            }
            accepted(h);
        }
    }

    /** A connection was accepted (by {@link #acceptReady}, or reported by a completion): deals it. */
    public final void accepted(H h) {
        EventLoop<D> target = group.next();
        if (target.inLoop()) {
            open(target, h);
        } else {
            target.execute(() -> open(target, h));
        }
    }

    /**
     * Accepting failed: counts and logs it; out of descriptors, turns away what is pending on the
     * reserve descriptor; otherwise pauses, then tries again.
     */
    public final void failed(Object error) {
        AcceptErrors.record(stats, error);
        if (AcceptErrors.outOfDescriptors(error) && reserve.release()) {
            int closed = 0;
            try {
                H h;
                while (closed < MAX_TURNED_AWAY && (h = acceptOne()) != null) {
                    closeAccepted(h);
                    closed++;
                }
            } catch (IOException | RuntimeException stillOut) {
                // another thread took the freed descriptor: what is left waits for the next event
            } finally {
                reserve.restore();
            }
            AcceptErrors.closedForWantOfDescriptors(stats, closed);
            if (closed > 0) {
                return; // the backlog is empty: a new connection brings a new event, not a spin
            }
        }
        paused = true;
        try {
            watch(false);
        } catch (IOException e) {
            SafeLog.warn(LOG, "accept-pause", () -> "cannot pause accepting: " + e);
        }
        group.first().schedule(AcceptErrors.PAUSE_MILLIS, resume);
    }

    /** Whether accepting is paused after an error. */
    public final boolean paused() {
        return paused;
    }

    private void resume() {
        paused = false;
        try {
            watch(true);
        } catch (IOException e) {
            SafeLog.warn(LOG, "accept-pause", () -> "cannot resume accepting: " + e);
            return;
        }
        acceptReady();
    }
}
