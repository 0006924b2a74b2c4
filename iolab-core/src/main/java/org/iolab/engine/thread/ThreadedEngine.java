package org.iolab.engine.thread;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.Listen;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;

/**
 * The blocking-socket engines: one thread accepts (or receives datagrams) and hands each
 * connection to a {@link Dispatcher}; the connection's work then blocks in {@code read} and
 * {@code write} on the thread it was given. Subclasses choose the dispatcher, nothing else.
 */
public abstract class ThreadedEngine implements Engine {

    private static final System.Logger LOG = System.getLogger(ThreadedEngine.class.getName());
    private static final long ACCEPT_ERROR_PAUSE_MS = 1000;

    /** The dispatcher this model uses, made fresh for each server. */
    protected abstract Dispatcher dispatcher(ServerConfig config);

    @Override
    public Set<Application.Kind> supports() {
        return EnumSet.allOf(Application.Kind.class);
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        InetSocketAddress address = Listen.address(config.host(), config.port());
        if (app instanceof Application.Udp udp) {
            DatagramSocket socket = new DatagramSocket(null);
            try {
                socket.setReuseAddress(true);
                socket.bind(address);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return new UdpRunning(socket, udp, dispatcher(config), name());
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(address, Listen.backlog(config.backlog()));
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return new TcpRunning(listener, app, config, dispatcher(config), name());
    }

    /** A TCP server: an acceptor thread and the dispatcher. */
    private static final class TcpRunning implements Running {
        private final ServerSocket listener;
        private final Application app;
        private final ServerConfig config;
        private final Dispatcher dispatcher;
        private final ServerStats stats = new ServerStats();
        private final ConnectionSet connections;
        private final Thread acceptor;
        private volatile boolean stopping;

        TcpRunning(ServerSocket listener, Application app, ServerConfig config,
                   Dispatcher dispatcher, String engine) {
            this.listener = listener;
            this.app = app;
            this.config = config;
            this.dispatcher = dispatcher;
            this.connections = new ConnectionSet(stats, config.maxConnections());
            this.acceptor = Thread.ofPlatform().name("iolab-" + engine + "-acceptor")
                    .daemon(true).start(this::acceptLoop);
        }

        private void acceptLoop() {
            while (!stopping) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException e) {
                    if (stopping || listener.isClosed()) {
                        return;
                    }
                    stats.onAcceptError();
                    LOG.log(System.Logger.Level.WARNING, "accept failed, pausing 1 s: " + e);
                    pause();
                    continue;
                }
                serve(socket);
            }
        }

        private void serve(Socket socket) {
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                Closeables.closeQuietly(socket);
                return;
            }
            Runnable work;
            ConnectionSet.Member member;
            if (app instanceof Application.Tcp tcp) {
                SocketTransport t = new SocketTransport(socket, tcp.factory(), config, connections, stats);
                work = t;
                member = t;
            } else {
                StreamSession s = new StreamSession(socket, ((Application.Stream) app).handler(), connections);
                work = s;
                member = s;
            }
            if (!connections.admit(member)) {
                Closeables.closeQuietly(socket);
                return;
            }
            if (stopping) {
                member.abort();
            }
            try {
                dispatcher.dispatch(work);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not dispatch a connection: " + e);
                member.abort();
                connections.remove(member);
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) listener.getLocalSocketAddress();
        }

        @Override
        public ServerStats stats() {
            return stats;
        }

        @Override
        public void shutdown(Duration grace) {
            stopping = true;
            Closeables.closeQuietly(listener);
            connections.closeAll(grace);
            joinQuietly(acceptor);
            dispatcher.close();
        }
    }

    /** A UDP server: a receiver thread hands each datagram to the dispatcher. */
    private static final class UdpRunning implements Running {
        private final DatagramSocket socket;
        private final ServerStats stats = new ServerStats();
        private final Dispatcher dispatcher;
        private final Thread receiver;

        UdpRunning(DatagramSocket socket, Application.Udp app, Dispatcher dispatcher, String engine) {
            this.socket = socket;
            this.dispatcher = dispatcher;
            UdpReceiver r = new UdpReceiver(socket, app.protocol(), dispatcher, stats);
            this.receiver = Thread.ofPlatform().name("iolab-" + engine + "-udp").daemon(true).start(r);
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public ServerStats stats() {
            return stats;
        }

        @Override
        public void shutdown(Duration grace) {
            socket.close();
            joinQuietly(receiver);
            dispatcher.close();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_ERROR_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    private static void joinQuietly(Thread t) {
        try {
            t.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
