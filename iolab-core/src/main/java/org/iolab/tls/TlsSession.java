package org.iolab.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;

/**
 * One TLS connection's state machine over any byte stream, sans IO: feed it the records that
 * arrive ({@link #received}) and it hands back plaintext, answers the handshake and says when it
 * is done; give it plaintext ({@link #send}) and it hands back records. It moves no bytes itself:
 * its {@link Peer} does (an engine's transport, a blocking socket, the lab's load), so every IO
 * model gets the same TLS, as Twisted's {@code TLSMemoryBIOProtocol} gives every reactor.
 *
 * <p>A {@link TlsProvider} makes sessions: {@link SslEngineSession} on the JDK's
 * {@code SSLEngine}, and others in modules of their own (OpenSSL through FFM). Every
 * implementation keeps the same promises:
 * <ul>
 * <li>the records of one {@link #send}, and a handshake flight, leave in as few
 *     {@link Peer#sendRecords} calls as fit (16 pipelined responses: one write);
 * <li>an incomplete record is kept for the next {@link #received};
 * <li>a TLS 1.2 renegotiation is refused;
 * <li>a peer's {@code close_notify} ({@link Peer#peerClosed}) is told apart from a stream cut
 *     without one ({@link #endOfInput}: a truncation);
 * <li>after a failure (an {@link SSLException} from {@link #received} or {@link #send}),
 *     {@link #closeOutbound} sends the alert that says why.
 * </ul>
 *
 * <p><b>Thread rule.</b> Not thread-safe: one thread at a time for every method (a connection's
 * serialized thread, or whoever holds the caller's lock). {@link Peer} methods run inside these
 * calls, on that thread.
 *
 * <pre>{@code
 * TlsSession tls = serverContext.newSession(peer);   // a TlsContext, one per server
 * tls.start();
 * tls.received(bytesFromTheSocket);   // peer.sendRecords(...) answers the ClientHello
 * tls.send(ByteBuffer.wrap(reply));   // after peer.handshakeFinished()
 * }</pre>
 */
public interface TlsSession {

    /** What a session drives: where its records go and where its plaintext and news arrive. */
    interface Peer {
        /** Send these records in order; consume them (the buffer is reused after the call). */
        void sendRecords(ByteBuffer records);

        /** Plaintext arrived; valid only during the call. */
        void plaintext(ByteBuffer data);

        /** The handshake is done: plaintext may flow both ways now. */
        void handshakeFinished();

        /** The peer sent {@code close_notify}: no more plaintext will come (a clean end). */
        void peerClosed();
    }

    /** Starts the handshake: a client sends its ClientHello now; a server waits for one. */
    void start() throws SSLException;

    /**
     * Records arrived ({@code data} is consumed, and may be native memory): decrypts them into
     * {@link Peer#plaintext} calls, answers the handshake, keeps an incomplete record for the
     * next call. Bytes after the peer's {@code close_notify} are ignored.
     *
     * @throws SSLException when they are not TLS, fail to decrypt, or break the handshake: the
     *     caller should {@link #closeOutbound} (which sends the alert) and close
     */
    void received(ByteBuffer data) throws SSLException;

    /**
     * Encrypts {@code data}'s remaining bytes (consuming them) into records for
     * {@link Peer#sendRecords}. After {@link #closeOutbound} the bytes are dropped.
     */
    void send(ByteBuffer data) throws SSLException;

    /**
     * Ends this side: sends {@code close_notify}, or after a failure the alert that says why.
     * {@code false} when it had already ended (nothing is sent twice).
     */
    boolean closeOutbound();

    /**
     * The stream ended. {@code null} when the peer's {@code close_notify} came first (a clean
     * end); else the truncation, as an exception for the application to be told of.
     */
    SSLException endOfInput();

    /**
     * What {@link #endOfInput} returns for a stream cut without {@code close_notify}: every
     * provider says it alike.
     */
    static SSLException truncation(boolean handshaken) {
        return new SSLException(handshaken ? "truncated: the peer ended the connection without close_notify"
                : "the peer ended the connection during the TLS handshake");
    }

    /**
     * The connection has ended, on whatever path (a close, a reset, a failure, a deadline): the
     * session will not be called again and sends nothing more. A provider frees at once what it
     * holds outside the heap (OpenSSL's {@code SSL}), not when the garbage collector comes by:
     * a server that takes a storm of connections cut mid-handshake must not hold their native
     * memory until the next collection. Idempotent.
     */
    void release();

    /** Whether the handshake has finished. */
    boolean handshaken();

    /** Whether the peer's {@code close_notify} (or the end of the stream) has come. */
    boolean inboundDone();

    /** The protocol ALPN chose ({@code h2}, {@code http/1.1}), or {@code null} when none was. */
    String applicationProtocol();

    /** The TLS version agreed ({@code TLSv1.3}), once handshaken. */
    String protocolVersion();

    /** The cipher suite agreed ({@code TLS_AES_128_GCM_SHA256}), once handshaken. */
    String cipherSuite();
}
