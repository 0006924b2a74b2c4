package org.iolab.jmh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.iolab.protocol.Transport;

/**
 * A {@link Transport} that takes every write and keeps only its length: a protocol measured
 * without an engine, a socket or a system call. Tasks run at once.
 *
 * <p>Thread rule: the benchmark's thread only.
 */
final class DiscardingTransport implements Transport {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);

    /** Bytes written so far. */
    long written;

    @Override
    public void write(ByteBuffer data) {
        written += data.remaining();
        data.position(data.limit());
    }

    @Override
    public void close() {
    }

    @Override
    public void abort() {
    }

    @Override
    public void pauseReading() {
    }

    @Override
    public void resumeReading() {
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public <T> void executeBlocking(java.util.concurrent.Callable<? extends T> task,
                                    java.util.function.BiConsumer<? super T, ? super Throwable> then) {
        try {
            then.accept(task.call(), null);
        } catch (Exception e) {
            then.accept(null, e);
        }
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public long bufferedBytes() {
        return 0;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return REMOTE;
    }

    @Override
    public SocketAddress localAddress() {
        return LOCAL;
    }
}
