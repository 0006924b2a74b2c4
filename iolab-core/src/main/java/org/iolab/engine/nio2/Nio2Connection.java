package org.iolab.engine.nio2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.engine.support.TurnClock;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import org.iolab.engine.completion.CompletionConnection;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.SerialLock;
import org.iolab.engine.support.ServerContext;
import org.iolab.protocol.ProtocolFactory;

/**
 * One connection of the JDK Proactor: reads and writes on an {@link AsynchronousSocketChannel},
 * completed on the group's threads. {@link #abort} closes without a reset: the JDK's
 * asynchronous channel has no SO_LINGER.
 *
 * <p><b>Thread rule.</b> Completions arrive on any group thread, so serialized means "holding
 * this connection's {@link SerialLock}"; read completions wait for it, everything else that
 * finds it busy finishes on a virtual thread (a write completion may run inline on a thread
 * that holds other locks, such as a chat broadcast).
 */
final class Nio2Connection extends CompletionConnection {

    private static final System.Logger LOG = System.getLogger(Nio2Connection.class.getName());
    private static final int READ_BUFFER = 16 * 1024;

    private final AsynchronousSocketChannel channel;
    private final SerialLock lock;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final ReadHandler reader = new ReadHandler();
    private final WriteHandler writer = new WriteHandler();

    Nio2Connection(AsynchronousSocketChannel channel, ServerContext server) throws IOException {
        this(channel, server, new SerialLock());
    }

    private Nio2Connection(AsynchronousSocketChannel channel, ServerContext server, SerialLock lock) throws IOException {
        super(server, lock, (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress());
        this.channel = channel;
        this.lock = lock;
    }

    /** Makes the protocol and starts reading. Any thread. */
    void start(ProtocolFactory factory) {
        lock.lock();
        try {
            open(factory);
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void submitRead() {
        readBuffer.clear();
        try {
            channel.read(readBuffer, null, reader);
        } catch (RuntimeException e) {
            readFailed(e, false);
        }
    }

    @Override
    protected void submitWrite(ByteBuffer head) {
        try {
            channel.write(head, head, writer);
        } catch (RuntimeException e) {
            writeFailed(e);
        }
    }

    /** Read completions, on a group thread; nothing thrown may reach the group's thread. */
    private final class ReadHandler implements CompletionHandler<Integer, Void> {
        @Override
        public void completed(Integer n, Void unused) {
            // the watchdog times the callbacks this runs (a completion the JDK runs nested inside
            // another on this thread ends the outer one's turn early: the rest of it goes unwatched)
            TurnClock clock = TurnClock.Carrier.current();
            if (clock != null) {
                clock.begin();
            }
            lock.lock();
            try {
                readBuffer.flip();
                readCompleted(readBuffer, n, false);
            } catch (Throwable t) {
                internalError(t);
            } finally {
                lock.unlock();
                if (clock != null) {
                    clock.end();
                }
            }
        }

        @Override
        public void failed(Throwable e, Void unused) {
            lock.lock();
            try {
                readFailed(e, false);
            } catch (Throwable t) {
                internalError(t);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Write completions, on any thread; nothing thrown may reach the group's thread. */
    private final class WriteHandler implements CompletionHandler<Integer, ByteBuffer> {
        @Override
        public void completed(Integer n, ByteBuffer head) {
            try {
                writeCompleted(n);
            } catch (Throwable t) {
                internalError(t);
            }
        }

        @Override
        public void failed(Throwable e, ByteBuffer head) {
            try {
                writeFailed(e);
            } catch (Throwable t) {
                internalError(t);
            }
        }
    }

    private void internalError(Throwable t) {
        server().stats().onInternalError();
        SafeLog.log(LOG, System.Logger.Level.ERROR, "nio2-completion", () -> "completion failed: " + t, t);
        abort();
    }

    @Override
    protected void shutdownOutput() {
        Closeables.quietly(channel::shutdownOutput);
    }

    @Override
    protected void release(boolean reset) {
        if (!reset && channel.isOpen()) {
            Closeables.quietly(channel::shutdownOutput);
        }
        Closeables.closeQuietly(channel); // no reset on abort: AsynchronousSocketChannel does not support SO_LINGER
    }

}
