package org.iolab.engine.iouring;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.event.EventEngine;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.event.LoopServer;
import org.iolab.engine.fd.BoundSocket;
import org.iolab.engine.support.ServerContext;
import org.iolab.server.Application;
import org.iolab.server.EngineOption;
import org.iolab.server.ServerConfig;
import org.iolab.uring.UringSupport;

/**
 * Kernel async IO, a real Proactor: N event loops, one io_uring each (single issuer), one
 * {@code io_uring_enter} per loop turn that both submits everything queued and waits for
 * completions, so one system call carries the work of many connections. Multishot accept;
 * multishot receive into a provided buffer ring (a buffer is taken when data arrives, handed to
 * {@code dataReceived}, and given back right after); sends from native buffers, the rest of a
 * short send submitted again; UDP through recvmsg and sendmsg. Where the kernel lacks a feature
 * the engine falls back (single-shot receive and accept), and where io_uring cannot run at all
 * {@code iolab engines} says why.
 */
public final class UringEngine extends EventEngine {

    public UringEngine() {
        super("iouring", "proactor: io_uring via FFM, one io_uring_enter per loop turn submits and reaps", 110);
    }


    static final EngineOption BUFFERS = EngineOption.number("buffers",
            "provided receive buffers of 16 KiB per loop, rounded up to a power of two", 1024, 1, 32768);
    /** How io_uring_enter names the ring: its registered index (no file lookup per call) or its descriptor. */
    static final EngineOption RING_FD = EngineOption.choice("ring-fd", "how io_uring_enter names the ring: "
            + "registered (IORING_REGISTER_RING_FDS, Linux 5.18+, no file lookup per call; the descriptor where refused) "
            + "or plain (the descriptor)", "registered", "registered", "plain");


    @Override
    public String model() {
        UringSupport.Report r = UringSupport.report();
        return super.model() + (r.available() ? " (" + r.features() + ")" : "");
    }

    @Override
    public Availability availability() {
        UringSupport.Report r = UringSupport.report();
        return r.available() ? Availability.yes() : Availability.no(r.unavailable());
    }

    /** IPv4 only: its sockets are bound and read with {@code sockaddr_in}. */
    @Override
    public boolean ipv6() {
        return false;
    }


    @Override
    public List<EngineOption> options() {
        return List.of(BUFFERS, RING_FD);
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        UringSupport.Report support = UringSupport.report();
        ServerContext context = ServerContext.of(config, app);
        boolean udp = app instanceof Application.Udp;
        int count = udp ? 1 : config.effectiveEventLoops();
        int buffers = Integer.highestOneBit(BUFFERS.intValue(config) * 2 - 1); // a power of two, at least as many
        int bufferSize = Math.clamp(config.readBufferSize(), 4096, 16 * 1024);
        UringDriver.Setup setup = new UringDriver.Setup(support.multishotAccept(), support.multishotRecv(),
                buffers, bufferSize, RING_FD.value(config).equals("registered"));
        LoopGroup<UringDriver> group = LoopGroup.of(count, context.stats(), l -> new UringDriver(l, context, setup));
        BoundSocket socket = BoundSocket.open(config, udp);
        EventLoop<UringDriver> firstLoop = group.first();
        UringDriver first = firstLoop.driver();
        LoopServer server = LoopServer.start(name(), context, socket.local(), group, first::closeListener);
        try {
            for (EventLoop<UringDriver> loop : group.loops()) {
                loop.driver().awaitReady();
            }
        } catch (IOException e) {
            server.shutdown(Duration.ZERO);
            socket.close();
            throw new IOException("io_uring could not start: " + e.getMessage(), e);
        }
        if (app instanceof Application.Udp u) {
            firstLoop.execute(() -> first.receiveDatagrams(socket.fd(), u.protocol()));
        } else {
            UringAcceptor acceptor = new UringAcceptor(group, context, socket.fd(), ((Application.Tcp) app).factory());
            firstLoop.execute(() -> first.listen(acceptor));
        }
        return server;
    }
}
