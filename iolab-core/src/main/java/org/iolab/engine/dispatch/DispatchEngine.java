package org.iolab.engine.dispatch;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.iolab.engine.support.AcceptErrors;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.Listen;
import org.iolab.engine.support.RunningServer;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.ServerContext;
import org.iolab.engine.support.Threads;
import org.iolab.engine.support.NamedEngine;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;

/**
 * The thread family: one thread accepts on a blocking socket (or receives datagrams) and hands
 * each connection to a {@link Dispatcher}; the connection's work then blocks in {@code read} and
 * {@code write} on the thread it was given. Subclasses choose the dispatcher, nothing else, as
 * socketserver's mixins differ only in {@code process_request}.
 */
public abstract class DispatchEngine extends NamedEngine {

    /** @param name the engine's name; @param model its IO model in a line; @param rank its place in listings */
    protected DispatchEngine(String name, String model, int rank) {
        super(name, model, rank);
    }


    private static final System.Logger LOG = System.getLogger(DispatchEngine.class.getName());

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
        ServerContext context = ServerContext.of(config, app);
        if (app instanceof Application.Udp udp) {
            DatagramSocket socket = new DatagramSocket(null);
            try {
                socket.setReuseAddress(true);
                socket.bind(address);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return new UdpServer(context, socket, udp, dispatcher(config), name());
        }
        ServerSocket listener = config.inheritedListener() ? Listen.inherited().socket() : new ServerSocket();
        try {
            if (!config.inheritedListener()) {
                listener.setReuseAddress(true);
                if (config.reusePort()) {
                    listener.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
                }
                listener.bind(address, Listen.backlog(config.backlog()));
            }
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return new TcpServer(context, listener, app, dispatcher(config), name());
    }

    /** A TCP server: an acceptor thread and the dispatcher. */
    private static final class TcpServer extends RunningServer {
        private final ServerSocket listener;
        private final Application app;
        private final Dispatcher dispatcher;
        private final Thread acceptor;
        private volatile boolean stopping;

        TcpServer(ServerContext context, ServerSocket listener, Application app, Dispatcher dispatcher, String engine) {
            super(context, (InetSocketAddress) listener.getLocalSocketAddress());
            this.listener = listener;
            this.app = app;
            this.dispatcher = dispatcher;
            this.acceptor = Thread.ofPlatform().name("iolab-" + engine + "-acceptor").daemon(true).start(this::acceptLoop);
        }

        /** Accepts until stopped; nothing thrown ends it (counted and logged instead). */
        private void acceptLoop() {
            while (!stopping) {
                try {
                    Socket socket;
                    try {
                        socket = listener.accept();
                    } catch (IOException e) {
                        if (stopping || listener.isClosed()) {
                            return;
                        }
                        acceptFailed(e);
                        continue;
                    }
                    serve(socket);
                } catch (Throwable t) {
                    context.stats().onInternalError();
                    SafeLog.log(LOG, System.Logger.Level.ERROR, "acceptor", () -> "acceptor failed; continuing: " + t, t);
                }
            }
        }

        /**
         * Out of descriptors, turns away one pending connection on the reserve descriptor (the
         * next accept turns away the next); otherwise, or without a reserve, pauses.
         */
        private void acceptFailed(IOException e) {
            AcceptErrors.record(context.stats(), e);
            if (AcceptErrors.outOfDescriptors(e) && context.reserve().release()) {
                try (Socket turnedAway = listener.accept()) {
                    AcceptErrors.closedForWantOfDescriptors(context.stats(), 1);
                } catch (IOException stillOut) {
                    Threads.sleep(AcceptErrors.PAUSE_MILLIS);
                } finally {
                    context.reserve().restore();
                }
                return;
            }
            Threads.sleep(AcceptErrors.PAUSE_MILLIS);
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
                BlockingTransport t = new BlockingTransport(socket, tcp.factory(), context);
                work = t;
                member = t;
            } else {
                StreamSession s = new StreamSession(socket, ((Application.Stream) app).handler(), context);
                work = s;
                member = s;
            }
            if (!context.connections().admit(member)) {
                Closeables.closeQuietly(socket);
                return;
            }
            if (stopping) {
                member.abort();
            }
            try {
                dispatcher.dispatch(work);
            } catch (RuntimeException e) {
                SafeLog.warn(LOG, "dispatch", () -> "could not dispatch a connection: " + e);
                member.abort();
                context.connections().remove(member);
            }
        }

        @Override
        protected void stopAccepting() {
            stopping = true;
            Closeables.closeQuietly(listener);
        }

        @Override
        protected void stopThreads() {
            Threads.joinAll(List.of(acceptor));
            dispatcher.close();
        }
    }

    /** A UDP server: a receiver thread hands each datagram to the dispatcher. */
    private static final class UdpServer extends RunningServer {
        private final DatagramSocket socket;
        private final Dispatcher dispatcher;
        private final Thread receiver;

        UdpServer(ServerContext context, DatagramSocket socket, Application.Udp app, Dispatcher dispatcher, String engine) {
            super(context, (InetSocketAddress) socket.getLocalSocketAddress());
            this.socket = socket;
            this.dispatcher = dispatcher;
            UdpReceiver r = new UdpReceiver(socket, app.protocol(), dispatcher, context.stats());
            this.receiver = Thread.ofPlatform().name("iolab-" + engine + "-udp").daemon(true).start(r);
        }

        @Override
        protected void stopAccepting() {
            socket.close();
        }

        @Override
        protected void stopThreads() {
            Threads.joinAll(List.of(receiver));
            dispatcher.close();
        }
    }
}
