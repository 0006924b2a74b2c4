package org.iolab.multiplexer;

import java.io.IOException;

/**
 * Readiness for many descriptors from one kernel mechanism (select, poll, epoll): register a
 * descriptor with a token and an interest, wait, and learn which tokens are ready for what.
 *
 * <p><b>The contract every backend meets</b> (checked by {@code MultiplexerContractTest}):
 * <ul>
 *   <li>{@link #waitFor} reports each ready descriptor at most once per call, by its token, with
 *       {@link #READ} and/or {@link #WRITE}; an error or hang-up is reported as ready for both
 *       (plus {@link #HUP}), so the caller's next operation discovers it.</li>
 *   <li>Spurious readiness is allowed: callers must tolerate an operation that would block.</li>
 *   <li>{@link Trigger#LEVEL}: a descriptor is reported on every call while it is ready.
 *       {@link Trigger#EDGE}: it is reported when it <em>becomes</em> ready; after an event the
 *       caller must perform the operation until it would block (or a read comes back short
 *       without a hang-up), or it may never hear of that descriptor again.</li>
 *   <li>{@link #wakeup} from any thread makes a current or the next {@link #waitFor} return
 *       promptly; wake-ups are not reported as events.</li>
 *   <li>{@link #register}, {@link #modify}, {@link #deregister}, {@link #waitFor} and
 *       {@link #close} are for the waiting thread only.</li>
 * </ul>
 */
public interface Multiplexer extends AutoCloseable {

    /** Interest in, or readiness for, reading (or accepting). */
    int READ = 1;
    /** Interest in, or readiness for, writing. */
    int WRITE = 2;
    /** Readiness only: the peer hung up or the socket has an error. */
    int HUP = 4;

    /** How readiness is reported. */
    enum Trigger { LEVEL, EDGE }

    Trigger trigger();

    /** The mechanism's name: {@code select}, {@code poll}, {@code epoll}. */
    String name();

    /**
     * Starts watching {@code fd}.
     *
     * @throws DescriptorLimitException when this mechanism cannot watch that descriptor
     */
    void register(int fd, int token, int interest) throws IOException;

    void modify(int fd, int token, int interest) throws IOException;

    /** Stops watching {@code fd}; call before closing it. */
    void deregister(int fd) throws IOException;

    /**
     * Waits up to {@code timeoutMillis} (-1: until something is ready or a wake-up; 0: do not
     * wait) and fills {@code events}. Returns the number of events. An interrupted wait (EINTR)
     * returns 0.
     */
    int waitFor(ReadyEvents events, long timeoutMillis) throws IOException;

    /** Makes a current or the next {@link #waitFor} return. Any thread. */
    void wakeup();

    @Override
    void close();
}
