package org.iolab.openssl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.function.BooleanSupplier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.iolab.openssl.NativeScratch.Buf;
import org.iolab.openssl.NativeScratch.Kind;
import org.iolab.tls.TlsSession;

/**
 * A {@link TlsSession} on an OpenSSL {@code SSL} in server mode between two memory BIOs: the
 * records that arrive are written into the read BIO, {@code SSL_do_handshake} and
 * {@code SSL_read} turn them into answers and plaintext, and what OpenSSL writes into the write
 * BIO leaves through {@link Peer#sendRecords}, drained once per call (a handshake flight, or the
 * records of one {@link #send}, in as few calls as fit: {@link MemoryBios}). Working memory is
 * borrowed per call ({@link NativeScratch}), so an idle connection holds only its {@code SSL}
 * (whose own buffers OpenSSL releases while idle, {@code SSL_MODE_RELEASE_BUFFERS}).
 *
 * <p>Every native call checks first that a callback of the peer's (which may close the session)
 * has not freed the {@code SSL}. The {@code SSL} is freed as soon as both directions have ended
 * ({@link #closeOutbound} and the peer's close or {@link #endOfInput}) or the connection has
 * ended on another path ({@link #release}: a reset, a failure, a deadline), and for a session
 * dropped without either, by {@link LibSsl#CLEANER} when it is unreachable.
 *
 * <p><b>Thread rule.</b> As {@link TlsSession}: one thread at a time (OpenSSL's error queue is
 * per thread, and is emptied before each call whose failure is read from it).
 *
 * <p>Over 300 lines on purpose: one state machine (the handshake, reads, writes, the two closes
 * and their frees) over one {@code SSL}; its BIOs, its context's callbacks and its buffers are
 * apart.
 */
final class OpenSslSession implements TlsSession {

    private static final int MAX_WRITE = 64 * 1024;
    /**
     * A fatal unexpected_message alert in a plaintext record (legacy version 3.3), for a
     * handshake that failed where OpenSSL wrote no alert of its own (it writes none for an HTTP
     * request on the port): the JDK provider answers such bytes with an alert, and so do we.
     */
    private static final byte[] UNEXPECTED_MESSAGE = {21, 3, 3, 0, 2, 2, 10};

    /** Frees the {@code SSL} (and its BIOs) once, from whichever path comes first. */
    private static final class Free implements Runnable {
        private final MemorySegment ssl;

        Free(MemorySegment ssl) {
            this.ssl = ssl;
        }

        @Override
        public void run() {
            try {
                LibSsl.SSL_free.invokeExact(ssl);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Keeps the context, and so its ALPN upcall stub, reachable while this {@code SSL} may call it. */
    private final OpenSslContext context;
    private final Peer peer;
    private final MemorySegment ssl;
    private final MemoryBios bios;
    private final BooleanSupplier isFreed = () -> this.freed;
    private final Cleaner.Cleanable free;
    private boolean freed;
    private boolean handshaken;
    private boolean inboundDone;
    private boolean closeNotify;
    private boolean outboundDone;
    private boolean failed;
    private String alpn;
    private String version;
    private String suite;

    OpenSslSession(OpenSslContext context, Peer peer) {
        this.context = context;
        this.peer = peer;
        try {
            ssl = (MemorySegment) LibSsl.SSL_new.invokeExact(context.ctx());
            if (ssl.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("OpenSSL could not make a session: " + LibSsl.errors("out of memory"));
            }
            try {
                bios = new MemoryBios();
            } catch (Throwable e) {
                new Free(ssl).run();
                throw e;
            }
            LibSsl.SSL_set_bio.invokeExact(ssl, bios.read, bios.write); // the SSL owns them now
            LibSsl.SSL_set_accept_state.invokeExact(ssl);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        free = LibSsl.CLEANER.register(this, new Free(ssl));
    }

    /** A server waits for the ClientHello: nothing to send yet. */
    @Override
    public void start() {
        // the accept state was set when the SSL was made
    }

    @Override
    public void received(ByteBuffer data) throws SSLException {
        if (freed || inboundDone) {
            data.position(data.limit());
            return;
        }
        try {
            while (data.hasRemaining() && !inboundDone && !freed) {
                bios.feed(data);
                if (!handshaken && !handshake()) {
                    continue;
                }
                read();
            }
        } catch (SSLException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (inboundDone) {
            data.position(data.limit()); // bytes after close_notify are ignored
        }
    }

    /** One step of the handshake; whether it has finished. */
    private boolean handshake() throws Throwable {
        LibSsl.clearErrors();
        int r = (int) LibSsl.SSL_do_handshake.invokeExact(ssl);
        if (r == 1) {
            finished(); // the application's first records queue behind the flight in the write BIO
            drain(); // the server's last flight, and TLS 1.3's session tickets
            return true;
        }
        int e = (int) LibSsl.SSL_get_error.invokeExact(ssl, r);
        if (e == LibSsl.SSL_ERROR_WANT_READ || e == LibSsl.SSL_ERROR_WANT_WRITE) {
            drain();
            return false;
        }
        throw failure(e);
    }

    private void finished() throws Throwable {
        handshaken = true;
        Buf out = NativeScratch.take(Kind.OUT);
        try {
            LibSsl.SSL_get0_alpn_selected.invokeExact(ssl, out.segment, out.segment.asSlice(8));
            int length = out.segment.get(JAVA_INT, 8);
            alpn = length == 0 ? null : new String(out.segment.get(ADDRESS, 0).reinterpret(length).toArray(JAVA_BYTE),
                    StandardCharsets.US_ASCII);
        } finally {
            NativeScratch.give(out, Kind.OUT);
        }
        version = LibSsl.string((MemorySegment) LibSsl.SSL_get_version.invokeExact(ssl));
        suite = LibSsl.string((MemorySegment) LibSsl.SSL_CIPHER_standard_name.invokeExact(
                (MemorySegment) LibSsl.SSL_get_current_cipher.invokeExact(ssl)));
        peer.handshakeFinished();
    }

    /**
     * Decrypts what the read BIO holds into {@link Peer#plaintext} calls: the records' plaintext
     * gathered, several records to a call ({@link Kind#PLAIN}), as the JDK provider does, so that
     * an echo answers a read's records with one write, not one per record. What was decrypted
     * before a close_notify or a bad record is delivered first.
     */
    private void read() throws Throwable {
        Buf plain = NativeScratch.take(Kind.PLAIN);
        int filled = 0;
        try {
            while (!freed && !inboundDone) {
                LibSsl.clearErrors();
                MemorySegment into = filled == 0 ? plain.segment : plain.segment.asSlice(filled);
                int n = (int) LibSsl.SSL_read.invokeExact(ssl, into, Kind.PLAIN.size - filled);
                if (n > 0) {
                    filled += n;
                    if (filled == Kind.PLAIN.size) {
                        deliver(plain, filled);
                        filled = 0;
                    }
                    continue;
                }
                int e = (int) LibSsl.SSL_get_error.invokeExact(ssl, n);
                deliver(plain, filled);
                if (e == LibSsl.SSL_ERROR_WANT_READ || e == LibSsl.SSL_ERROR_WANT_WRITE) {
                    break;
                }
                if (e == LibSsl.SSL_ERROR_ZERO_RETURN) {
                    inboundDone = true;
                    closeNotify = true;
                    peer.peerClosed();
                    freeWhenDone();
                    break;
                }
                throw failure(e);
            }
        } finally {
            NativeScratch.give(plain, Kind.PLAIN);
        }
        drain(); // a KeyUpdate's answer, if the peer asked for one
    }

    /** Hands the first {@code filled} bytes of {@code plain} to the peer unless the session is gone. */
    private void deliver(Buf plain, int filled) {
        if (filled > 0 && !freed) {
            plain.view.clear().limit(filled);
            peer.plaintext(plain.view);
        }
    }

    private SSLException failure(int error) {
        failed = true;
        String why = LibSsl.errors(error == LibSsl.SSL_ERROR_SYSCALL ? "the records ended unexpectedly"
                : "OpenSSL error " + error);
        return handshaken ? new SSLException("TLS failed: " + why) : new SSLHandshakeException("TLS handshake failed: " + why);
    }

    @Override
    public void send(ByteBuffer data) throws SSLException {
        if (freed || outboundDone) {
            data.position(data.limit());
            return;
        }
        if (!handshaken) {
            throw new SSLException("plaintext sent before the TLS handshake finished");
        }
        try {
            while (data.hasRemaining() && !freed) {
                int n;
                if (data.isDirect()) {
                    n = Math.min(data.remaining(), MAX_WRITE);
                    n = (int) LibSsl.SSL_write.invokeExact(ssl, MemorySegment.ofBuffer(data), n);
                } else {
                    Buf in = NativeScratch.take(Kind.INBOUND);
                    try {
                        n = MemoryBios.copyIn(data, in);
                        LibSsl.clearErrors();
                        n = (int) LibSsl.SSL_write.invokeExact(ssl, in.segment, n);
                    } finally {
                        NativeScratch.give(in, Kind.INBOUND);
                    }
                }
                if (n <= 0) {
                    throw failure((int) LibSsl.SSL_get_error.invokeExact(ssl, n));
                }
                data.position(data.position() + n);
                if (data.hasRemaining()) {
                    drain(); // the BIO need not hold more than a write's records
                }
            }
            drain();
        } catch (SSLException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends what OpenSSL wrote; whether there was any. Nothing once a callback has freed the session. */
    private boolean drain() throws Throwable {
        return !freed && bios.drain(peer, isFreed);
    }

    @Override
    public boolean closeOutbound() {
        if (outboundDone || freed) {
            return false;
        }
        outboundDone = true;
        try {
            if (handshaken && !failed) {
                LibSsl.clearErrors();
                int ignored = (int) LibSsl.SSL_shutdown.invokeExact(ssl); // writes close_notify
            }
            boolean sent = drain(); // the close_notify, or the alert OpenSSL wrote when it failed
            if (failed && !handshaken && !sent) {
                peer.sendRecords(ByteBuffer.wrap(UNEXPECTED_MESSAGE));
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        freeWhenDone();
        return true;
    }

    @Override
    public SSLException endOfInput() {
        if (inboundDone) {
            return null;
        }
        inboundDone = true;
        freeWhenDone();
        return TlsSession.truncation(handshaken);
    }

    @Override
    public void release() {
        if (!freed) {
            freed = true;
            free.clean();
        }
    }

    private void freeWhenDone() {
        if (inboundDone && outboundDone && !freed) {
            freed = true;
            free.clean();
        }
    }

    /** Whether the handshake resumed a session (a ticket), for the tests. */
    boolean resumed() {
        try {
            return !freed && (int) LibSsl.SSL_session_reused.invokeExact(ssl) == 1;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the {@code SSL} has been freed (both directions ended), for the tests that say nothing leaks. */
    boolean freed() {
        return freed;
    }

    @Override
    public boolean handshaken() {
        return handshaken;
    }

    @Override
    public boolean inboundDone() {
        return inboundDone;
    }

    @Override
    public String applicationProtocol() {
        return alpn;
    }

    @Override
    public String protocolVersion() {
        return version;
    }

    @Override
    public String cipherSuite() {
        return suite;
    }
}
