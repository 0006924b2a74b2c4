package org.iolab.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * An in-memory {@link Transport} for testing a {@link Protocol} without sockets (Twisted's
 * StringTransport): it records what the protocol writes and whether it closed.
 *
 * <pre>{@code
 * MemoryTransport t = new MemoryTransport();
 * Protocol p = new UpperProtocol();
 * p.connectionMade(t);
 * p.dataReceived(ByteBuffer.wrap("hi".getBytes()));
 * assertThat(t.writtenText()).isEqualTo("HI");
 * }</pre>
 *
 * <p>Thread rule: synchronized; usable from any thread.
 */
public final class MemoryTransport implements Transport {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private boolean closed;
    private boolean aborted;
    private boolean paused;
    private long buffered;
    private int writes;

    public MemoryTransport() {
        this(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 9000));
    }

    public MemoryTransport(InetSocketAddress remote, InetSocketAddress local) {
        this.remote = remote;
        this.local = local;
    }

    @Override
    public synchronized void write(ByteBuffer data) {
        if (closed) {
            data.position(data.limit());
            return;
        }
        byte[] b = new byte[data.remaining()];
        data.get(b);
        written.writeBytes(b);
        writes++;
    }

    /** How many {@code write} calls were made (what an engine would turn into system calls). */
    public synchronized int writes() {
        return writes;
    }

    /** Everything written so far. */
    public synchronized byte[] written() {
        return written.toByteArray();
    }

    /** Everything written so far, as UTF-8. */
    public synchronized String writtenText() {
        return written.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was written. */
    public synchronized void clear() {
        written.reset();
    }

    /** Pretends {@code n} bytes are stuck in the kernel's way (for backpressure tests). */
    public synchronized void setBufferedBytes(long n) {
        buffered = n;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public synchronized void abort() {
        closed = true;
        aborted = true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized boolean isAborted() {
        return aborted;
    }

    @Override
    public synchronized void pauseReading() {
        paused = true;
    }

    @Override
    public synchronized void resumeReading() {
        paused = false;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Queues {@code task}: {@link #runTasks} runs what is queued, on the caller's thread. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /**
     * Runs {@code task} at once on the caller's thread (a test has no worker pool) and queues
     * {@code then} with its outcome, as {@link #execute} queues a task: {@link #runTasks} tells it.
     */
    @Override
    public <T> void executeBlocking(java.util.concurrent.Callable<? extends T> task,
                                    java.util.function.BiConsumer<? super T, ? super Throwable> then) {
        T result = null;
        Throwable failure = null;
        try {
            result = task.call();
        } catch (Throwable t) {
            failure = t;
        }
        T r = result;
        Throwable f = failure;
        execute(() -> then.accept(r, f));
    }

    /** Runs the tasks {@link #execute} queued (and those they queue), in order; how many ran. */
    public int runTasks() {
        int n = 0;
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    @Override
    public synchronized boolean isWritable() {
        return buffered <= 64 * 1024;
    }

    @Override
    public synchronized long bufferedBytes() {
        return buffered;
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }
}
