package org.iolab.contract;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;

/**
 * An app watched from inside: each connection's protocol wrapped so that a test sees the bytes
 * the server took in, the most output its transport ever held pending (after each read), and
 * each {@code connectionLost}'s cause (empty for a clean end).
 *
 * <p>Thread rule: the counters from any thread.
 */
final class Watched {

    final AtomicLong received = new AtomicLong();
    final AtomicLong maxBuffered = new AtomicLong();
    final BlockingQueue<Optional<Throwable>> lost = new LinkedBlockingQueue<>();
    final Application app;

    Watched(Supplier<Protocol> protocols) {
        app = Application.tcp(info -> {
            Protocol inner = protocols.get();
            return new Protocol() {
                private Transport t;

                @Override
                public void connectionMade(Transport transport) {
                    t = transport;
                    inner.connectionMade(transport);
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    received.addAndGet(data.remaining());
                    inner.dataReceived(data);
                    maxBuffered.accumulateAndGet(t.bufferedBytes(), Math::max);
                }

                @Override
                public void writabilityChanged(boolean writable) {
                    inner.writabilityChanged(writable);
                }

                @Override
                public void connectionLost(Throwable cause) {
                    inner.connectionLost(cause);
                    lost.add(Optional.ofNullable(cause));
                }
            };
        });
    }
}
