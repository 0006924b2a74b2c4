package org.iolab.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import org.iolab.tls.SslEngineSession;
import org.iolab.tls.TlsSession;

/**
 * One active connection of the lab's load, a closed loop of exchanges: send the request, read
 * until the reply is whole and checked, send the next. In clear text it reads and writes the
 * channel; over TLS it drives a {@link TlsSession} in client mode (the JDK's SSLEngine, as the
 * servers' is for iolab): a handshake first, the request encrypted, the records read decrypted
 * into the reply. With {@link Connections#NEW} every exchange is a new connection (and a new full
 * handshake: the engine is made without the server's name, so the JDK never resumes; with
 * {@link Connections#RESUMED} it is made with the server's address, and the JDK offers the
 * session of the last ticket the server sent it), timed
 * from the connect to the reply, then closed with {@code close_notify}. An exchange with a
 * preamble (a WebSocket's handshake) sends it once on each connection and reads its answer
 * before the first request.
 *
 * <p>Thread rule: its worker's thread only.
 *
 * <p>Over 300 lines on purpose: one connection of the load, clear or TLS, with a preamble or not, reconnecting or not: one state machine.
 */
final class LoadSession implements TlsSession.Peer {

    /** What the session tells its worker. */
    interface Owner {
        /** A reply came whole: its verdict, and how long since the exchange began. */
        void replied(LoadSession s, Exchange.Verdict verdict, long micros);

        /** The connection failed with an exchange out (counted once). */
        void failed(LoadSession s);

        /** A new connection could not be made (counted once). */
        void cannotConnect(LoadSession s);
    }

    private final Owner owner;
    private final InetSocketAddress server;
    private final Selector selector;
    private final Exchange exchange;
    private final SSLContext tls;
    private final boolean reconnect;
    /** Over TLS, a new connection resumes the last session (the engine is made with the server's address). */
    private final boolean resume;
    /** Where records are read into before they are decrypted: the worker's, shared by its sessions. */
    private final ByteBuffer readBuffer;
    private final ByteBuffer out;
    /** The reply so far (plaintext); grows when a reply is larger than the exchange expected. */
    private ByteBuffer in;
    private SocketChannel ch;
    private SelectionKey key;
    private TlsSession session;
    /** Records the channel has not taken yet (TLS), in read mode; or null. */
    private ByteBuffer pendingRecords;
    /** The request waits for the handshake (TLS's, or the preamble's answer). */
    private boolean requestWaits;
    /** The preamble's answer has not come yet. */
    private boolean preambleWaits;
    /** The preamble went (over TLS it waits for the handshake). */
    private boolean preambleSent;
    private long startedAt;
    long repliesInWindow;

    LoadSession(Owner owner, InetSocketAddress server, Selector selector, Exchange exchange, SSLContext tls,
                Connections connections, ByteBuffer readBuffer) {
        this.owner = owner;
        this.server = server;
        this.selector = selector;
        this.exchange = exchange;
        this.tls = tls;
        this.reconnect = connections.reconnect();
        this.resume = connections == Connections.RESUMED;
        this.readBuffer = readBuffer;
        ByteBuffer request = exchange.request();
        this.out = ByteBuffer.allocateDirect(request.remaining()).put(request).flip();
        this.in = ByteBuffer.allocate(exchange.replyCapacity());
    }

    /** Connects (bounded by the generator's connect timeout) and, over TLS, starts the handshake. */
    void open() throws IOException {
        ch = LoadGenerator.connect(server);
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        key = ch.register(selector, SelectionKey.OP_READ, this);
        pendingRecords = null;
        if (tls != null) {
            var engine = resume ? tls.createSSLEngine(server.getHostString(), server.getPort()) // its sessions, by address
                    : tls.createSSLEngine(); // no peer name: nothing to resume
            engine.setUseClientMode(true);
            session = new SslEngineSession(engine, this);
            session.start();
        }
        preambleWaits = exchange.preamble() != null;
        preambleSent = false;
        if (preambleWaits && session == null) {
            sendPreamble();
            preambleSent = true;
        }
    }

    private void sendPreamble() throws IOException {
        ByteBuffer p = exchange.preamble();
        if (session != null) {
            session.send(p);
        } else {
            for (int i = 0; p.hasRemaining() && i < 1000; i++) {
                ch.write(p); // a fresh socket takes a hundred bytes at once
            }
        }
    }

    /** Starts the next exchange: on a new connection when reconnecting, after its handshake over TLS. */
    void send() {
        startedAt = System.nanoTime();
        out.rewind();
        in.clear();
        if (reconnect) {
            closeQuietly();
            try {
                open();
            } catch (IOException e) {
                owner.cannotConnect(this);
                return;
            }
        }
        if (session != null && !session.handshaken() || preambleWaits) {
            requestWaits = true;
            return;
        }
        write();
    }

    private void write() {
        try {
            if (session != null) {
                session.send(out); // its records go to sendRecords
            } else {
                ch.write(out);
            }
        } catch (IOException e) {
            fail();
            return;
        }
        interest();
    }

    private void interest() {
        if (key.isValid()) {
            boolean more = session == null ? out.hasRemaining() : pendingRecords != null;
            key.interestOps(more ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    /** The selector says the channel is ready. */
    void ready() {
        if (!key.isValid()) {
            return;
        }
        if (key.isWritable()) {
            if (session != null) {
                flushRecords();
            } else if (out.hasRemaining()) {
                write();
            }
        }
        if (!key.isValid() || !key.isReadable()) {
            return;
        }
        int n;
        try {
            if (session == null) {
                n = ch.read(in);
            } else {
                readBuffer.clear();
                n = ch.read(readBuffer);
                if (n > 0) {
                    session.received(readBuffer.flip()); // plaintext comes to plaintext()
                }
            }
        } catch (IOException e) {
            fail();
            return;
        }
        if (n < 0) {
            fail(); // the server closed (or refused) this connection
            return;
        }
        if (preambleWaits && !preamble()) {
            return;
        }
        if (requestWaits && (session == null || session.handshaken()) && !preambleWaits) {
            requestWaits = false;
            write();
        }
        check();
    }

    /**
     * The preamble's part of a read: sent once TLS is up, its answer taken off the front of
     * what came; {@code false} while it is still awaited (or it failed).
     */
    private boolean preamble() {
        if (session != null && session.handshaken() && !preambleSent) {
            preambleSent = true;
            try {
                sendPreamble();
            } catch (IOException e) {
                fail();
                return false;
            }
        }
        in.flip();
        int n = exchange.preambleEnd(in);
        if (n == -2) {
            in.clear();
            fail(); // refused: the server is not speaking it
            return false;
        }
        if (n < 0) {
            in.position(in.limit()).limit(in.capacity());
            if (!in.hasRemaining()) { // an answer larger than a reply: room for the rest
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            return false;
        }
        in.position(in.position() + n);
        in.compact();
        preambleWaits = false;
        return true;
    }

    private void check() {
        if (in.position() == 0) {
            return;
        }
        in.flip();
        Exchange.Verdict verdict = exchange.check(in);
        if (verdict == Exchange.Verdict.INCOMPLETE) {
            in.position(in.limit()).limit(in.capacity());
            if (!in.hasRemaining()) { // a reply larger than expected: room for the rest
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            return;
        }
        if (verdict == Exchange.Verdict.RIGHT_THEN_CLOSED && !reconnect && !reopen()) {
            return;
        }
        owner.replied(this, verdict, (System.nanoTime() - startedAt) / 1000);
    }

    /**
     * The server closes this connection after the reply just read (its cap of requests per
     * connection): the next exchange goes on a new one. False when none could be opened.
     */
    private boolean reopen() {
        closeQuietly();
        try {
            open();
            return true;
        } catch (IOException e) {
            owner.cannotConnect(this);
            return false;
        }
    }

    private void fail() {
        owner.failed(this);
        closeQuietly();
    }

    /** Closes the connection, over TLS after a {@code close_notify} (a clean end, not a truncation). */
    void closeQuietly() {
        if (ch == null) {
            return;
        }
        if (session != null && key.isValid() && session.closeOutbound()) {
            flushRecords();
        }
        key.cancel();
        try {
            ch.close();
        } catch (IOException ignored) {
            // counted already, or done with
        }
    }

    @Override
    public void sendRecords(ByteBuffer records) {
        if (pendingRecords != null) {
            ByteBuffer more = ByteBuffer.allocate(pendingRecords.remaining() + records.remaining());
            pendingRecords = more.put(pendingRecords).put(records).flip();
            return;
        }
        try {
            ch.write(records);
        } catch (IOException e) {
            records.position(records.limit());
            return; // the read that follows sees the failure
        }
        if (records.hasRemaining()) {
            pendingRecords = ByteBuffer.allocate(records.remaining()).put(records).flip();
        }
    }

    private void flushRecords() {
        if (pendingRecords != null) {
            try {
                ch.write(pendingRecords);
            } catch (IOException e) {
                pendingRecords = null;
                return;
            }
            if (!pendingRecords.hasRemaining()) {
                pendingRecords = null;
            }
        }
        interest();
    }

    @Override
    public void plaintext(ByteBuffer data) {
        if (in.remaining() < data.remaining()) {
            in = ByteBuffer.allocate(Math.max(in.capacity() * 2, in.position() + data.remaining())).put(in.flip());
        }
        in.put(data);
    }

    @Override
    public void handshakeFinished() {
        // ready() sends the request that waits
    }

    @Override
    public void peerClosed() {
        // the end of the stream follows; a reply cut short is an error there
    }
}
