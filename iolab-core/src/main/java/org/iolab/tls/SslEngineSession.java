package org.iolab.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A {@link TlsSession} on the JDK's {@link SSLEngine}: the JDK provider's, and the lab's client
 * side (an engine in client mode).
 *
 * <p>What it does beyond the contract: runs the handshake's tasks inline; gathers a handshake
 * flight, and the records of one {@link #send}, into one {@link Peer#sendRecords} where they fit;
 * keeps an incomplete record in the only per-connection buffer, made when first needed; and
 * decrypts native memory from a heap copy (the JDK's AES-GCM is faster on arrays). Its working
 * buffers are borrowed per call ({@link Scratch}), so an idle connection holds none.
 *
 * <p><b>Thread rule.</b> As {@link TlsSession}.
 *
 * <p>Over 300 lines on purpose: one SSLEngine's driver, whose handshake, unwrap and wrap loops share its buffers and flags.
 */
public final class SslEngineSession implements TlsSession {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int HEADER = 5;

    private final SSLEngine engine;
    private final Peer peer;
    private final int packetSize;
    /** An incomplete record, kept across reads; made when first needed. */
    private ByteBuffer partial;
    private boolean handshaken;
    private boolean inboundDone;
    private boolean outboundDone;

    public SslEngineSession(SSLEngine engine, Peer peer) {
        this.engine = engine;
        this.peer = peer;
        this.packetSize = engine.getSession().getPacketBufferSize();
    }

    /** Starts the handshake: a client sends its ClientHello now; a server waits for one. */
    @Override
    public void start() throws SSLException {
        engine.beginHandshake();
        if (handshake(engine.getHandshakeStatus(), null)) {
            finished();
        }
    }

    /** Whether the handshake has finished. */
    /** Nothing to free: the JDK's engine lives on the heap. */
    @Override
    public void release() {
        // the engine and its buffers go with the session
    }

    @Override
    public boolean handshaken() {
        return handshaken;
    }

    /** The engine (its session: the protocol, the suite, the ALPN protocol chosen). */
    public SSLEngine engine() {
        return engine;
    }

    @Override
    public String applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    @Override
    public String protocolVersion() {
        return engine.getSession().getProtocol();
    }

    @Override
    public String cipherSuite() {
        return engine.getSession().getCipherSuite();
    }

    /**
     * Records arrived ({@code data} is consumed): decrypts them into {@link Peer#plaintext}
     * calls, answers the handshake, keeps an incomplete record for the next call. Bytes after
     * the peer's {@code close_notify} are ignored.
     *
     * @throws SSLException when they are not TLS, fail to decrypt, or break the handshake: the
     *     caller should {@link #closeOutbound} (which sends the engine's alert) and close
     */
    @Override
    public void received(ByteBuffer data) throws SSLException {
        if (inboundDone) {
            data.position(data.limit());
            return;
        }
        if (data.isDirect()) {
            receivedDirect(data);
            return;
        }
        ByteBuffer plain = Scratch.take(Scratch.Kind.PLAIN);
        try {
            if (partial != null && partial.position() > 0 && !completePartial(data, plain)) {
                return;
            }
            unwrapAll(data, plain);
            if (data.hasRemaining() && !inboundDone) {
                if (partial == null) {
                    partial = ByteBuffer.allocate(packetSize);
                }
                partial.put(data); // less than a record: the engine said so
            }
            deliver(plain);
        } finally {
            Scratch.give(plain, Scratch.Kind.PLAIN);
        }
    }

    /** {@link #received} of native memory (an event loop's read buffer): decrypted from a heap copy, a scratch buffer at a time. */
    private void receivedDirect(ByteBuffer data) throws SSLException {
        ByteBuffer heap = Scratch.take(Scratch.Kind.INBOUND);
        try {
            while (data.hasRemaining() && !inboundDone) {
                int n = Math.min(data.remaining(), heap.capacity());
                heap.clear().put(heap.position(), data, data.position(), n).limit(n);
                data.position(data.position() + n);
                received(heap);
            }
            data.position(data.limit());
        } finally {
            Scratch.give(heap, Scratch.Kind.INBOUND);
        }
    }

    /**
     * Tops the kept record up from {@code data} and decrypts it once whole; {@code false} while it
     * is still incomplete (everything of {@code data} went into it).
     */
    private boolean completePartial(ByteBuffer data, ByteBuffer plain) throws SSLException {
        while (data.hasRemaining()) {
            int need = partial.position() < HEADER ? HEADER
                    : HEADER + ((partial.get(3) & 0xff) << 8 | (partial.get(4) & 0xff));
            if (need > partial.capacity()) {
                break; // larger than any record may be: the engine says what is wrong
            }
            int n = Math.min(need - partial.position(), data.remaining());
            partial.put(partial.position(), data, data.position(), n).position(partial.position() + n);
            data.position(data.position() + n);
            if (partial.position() == need && need > HEADER) {
                break;
            }
        }
        partial.flip();
        unwrapAll(partial, plain);
        boolean whole = !partial.hasRemaining();
        partial.compact();
        return whole;
    }

    private void unwrapAll(ByteBuffer src, ByteBuffer plain) throws SSLException {
        while (src.hasRemaining() && !inboundDone) {
            SSLEngineResult r = engine.unwrap(src, plain);
            HandshakeStatus hs = r.getHandshakeStatus();
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    if (plain.position() == 0) {
                        throw new SSLException("a record larger than " + plain.capacity() + " bytes of plaintext");
                    }
                    deliver(plain);
                    continue;
                }
                case BUFFER_UNDERFLOW -> {
                    return; // an incomplete record: wait for the rest
                }
                case CLOSED -> {
                    inboundDone = true;
                    deliver(plain);
                    handshake(hs, null); // TLS 1.2 answers close_notify with its own
                    peer.peerClosed();
                    return;
                }
                case OK -> { }
            }
            if (hs != HandshakeStatus.NOT_HANDSHAKING) {
                if (handshaken && hs != HandshakeStatus.FINISHED && "TLSv1.2".equals(engine.getSession().getProtocol())) {
                    refuseRenegotiation(hs);
                }
                deliver(plain); // what came before the handshake's news, in order
                if (handshake(hs, null)) {
                    finished();
                }
            } else if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                return;
            }
        }
    }

    /**
     * A TLS 1.2 client asked to renegotiate: the JDK, told to refuse ({@code TlsConfig} tells it),
     * fails its hello with a fatal alert once the hello's task has run; where it was told
     * otherwise, the renegotiation is refused here (and the connection closed with close_notify).
     */
    private void refuseRenegotiation(HandshakeStatus hs) throws SSLException {
        while (hs == HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            hs = engine.getHandshakeStatus();
        }
        ByteBuffer discard = Scratch.take(Scratch.Kind.RECORDS);
        try {
            engine.wrap(EMPTY, discard); // throws the JDK's refusal, if it refuses
        } finally {
            Scratch.give(discard, Scratch.Kind.RECORDS);
        }
        throw new SSLHandshakeException("renegotiation refused");
    }

    /**
     * Runs the handshake from {@code hs} until it waits for the peer (or is done), its records
     * gathered in {@code out} (or in a scratch buffer of its own, sent before it returns); whether
     * it finished the initial handshake, for the caller to tell once it holds no buffer.
     */
    private boolean handshake(HandshakeStatus hs, ByteBuffer given) throws SSLException {
        ByteBuffer out = given == null ? Scratch.take(Scratch.Kind.RECORDS) : given;
        boolean done = false;
        try {
            while (true) {
                switch (hs) {
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) {
                            task.run();
                        }
                        hs = engine.getHandshakeStatus();
                    }
                    case NEED_WRAP -> {
                        SSLEngineResult r = engine.wrap(EMPTY, out);
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                            flush(out);
                            continue;
                        }
                        hs = r.getHandshakeStatus();
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            outboundDone = true;
                            if (hs == HandshakeStatus.NEED_WRAP && r.bytesProduced() == 0) {
                                hs = HandshakeStatus.NOT_HANDSHAKING; // nothing more will come out
                            }
                        }
                    }
                    case FINISHED -> {
                        done = !handshaken;
                        hs = engine.getHandshakeStatus();
                    }
                    default -> { // NEED_UNWRAP (wait for the peer), NOT_HANDSHAKING
                        if (given == null) {
                            flush(out);
                        }
                        return done;
                    }
                }
            }
        } finally {
            if (given == null) {
                Scratch.give(out, Scratch.Kind.RECORDS);
            }
        }
    }

    private void finished() {
        if (!handshaken) {
            handshaken = true;
            peer.handshakeFinished();
        }
    }

    /**
     * Encrypts {@code data}'s remaining bytes (consuming them) into records, handed to
     * {@link Peer#sendRecords} at most four full records at a time. After {@link #closeOutbound}
     * the bytes are dropped.
     */
    @Override
    public void send(ByteBuffer data) throws SSLException {
        if (outboundDone) {
            data.position(data.limit());
            return;
        }
        ByteBuffer out = Scratch.take(Scratch.Kind.RECORDS);
        try {
            while (data.hasRemaining()) {
                SSLEngineResult r = engine.wrap(data, out);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> flush(out);
                    case CLOSED -> {
                        data.position(data.limit());
                        outboundDone = true;
                    }
                    default -> {
                        if (r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                            handshake(r.getHandshakeStatus(), out); // a TLS 1.3 key update, in line
                        }
                        if (out.remaining() < packetSize) {
                            flush(out);
                        }
                    }
                }
            }
            flush(out);
        } finally {
            Scratch.give(out, Scratch.Kind.RECORDS);
        }
    }

    /**
     * Ends this side: sends {@code close_notify}, or after a failure the alert the engine made.
     * {@code false} when it had already ended (nothing is sent twice).
     */
    @Override
    public boolean closeOutbound() {
        if (outboundDone || engine.isOutboundDone()) {
            return false;
        }
        outboundDone = true;
        engine.closeOutbound();
        ByteBuffer out = Scratch.take(Scratch.Kind.RECORDS);
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                SSLEngineResult r = engine.wrap(EMPTY, out);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    flush(out);
                } else if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flush(out);
        } catch (SSLException e) {
            flush(out); // what it made before failing, if anything
        } finally {
            Scratch.give(out, Scratch.Kind.RECORDS);
        }
        return true;
    }

    /**
     * The stream ended. {@code null} when the peer's {@code close_notify} came first (a clean
     * end); else the truncation, as an exception for the application to be told of.
     */
    @Override
    public SSLException endOfInput() {
        if (inboundDone) {
            return null;
        }
        inboundDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException ignored) {
            // the JDK says the same as below, less plainly
        }
        return TlsSession.truncation(handshaken);
    }

    /** Whether the peer's {@code close_notify} (or the end of the stream) has come. */
    @Override
    public boolean inboundDone() {
        return inboundDone;
    }

    private void deliver(ByteBuffer plain) {
        if (plain.position() > 0) {
            plain.flip();
            peer.plaintext(plain);
            plain.clear();
        }
    }

    private void flush(ByteBuffer out) {
        if (out.position() > 0) {
            out.flip();
            peer.sendRecords(out);
            out.clear();
        }
    }
}
