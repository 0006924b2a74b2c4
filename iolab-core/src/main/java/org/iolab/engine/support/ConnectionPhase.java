package org.iolab.engine.support;

/**
 * Where one connection is in its closing sequence: the one state that replaces a flag per step.
 * The transitions, all made by {@link TransportCore}:
 * <pre>
 * OPEN --close()----------&gt; CLOSING ---output drained (and close_notify)---------------&gt; CLOSED
 * OPEN --closeLingering()-&gt; LINGERING --drained, write side shut--&gt; HALF_CLOSED --the peer's end, or 5 s--&gt; CLOSED
 *                           LINGERING --the peer's end, output drained----------------------------------&gt; CLOSED
 * any  --abort(), an IO error, a failed callback, a timeout that resets-------------------------------&gt; CLOSED (reset)
 * </pre>
 * A peer's end of stream while OPEN is a {@code close()} (pending output still goes).
 *
 * <p>Thread rule: a value; see {@link TransportCore} for who moves a connection between them.
 */
public enum ConnectionPhase {
    /** Reading and writing. */
    OPEN,
    /** {@code close()}: what is pending drains (then the stage's last word); nothing more is read. */
    CLOSING,
    /** {@code closeLingering()}: what is pending drains while what arrives is read and dropped. */
    LINGERING,
    /** A lingering close sent everything and shut its write side: reading and dropping until the peer's end. */
    HALF_CLOSED,
    /** The socket is closed; {@code connectionLost} is delivered (or right after the callback that closed). */
    CLOSED;

    /** Whether the socket is still read in this phase (to deliver, or to drop). */
    public boolean reads() {
        return this == OPEN || this == LINGERING || this == HALF_CLOSED;
    }

    /** Whether what arrives is dropped instead of delivered. */
    public boolean dropsInput() {
        return this != OPEN && this != CLOSING;
    }

    /** Whether this is a lingering close, before or after its write side was shut. */
    public boolean lingers() {
        return this == LINGERING || this == HALF_CLOSED;
    }
}
