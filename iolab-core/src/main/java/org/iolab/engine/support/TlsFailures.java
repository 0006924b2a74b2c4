package org.iolab.engine.support;

import java.net.SocketAddress;
import org.iolab.protocol.Addresses;
import org.iolab.server.ServerStats;

/**
 * What a failed TLS connection leaves behind, the same on every engine: a count (a failed
 * handshake in {@link ServerStats#tlsFailures}) and one log line without a stack trace,
 * rate-limited, since a port on the internet sees scanners and plaintext all day (a handshake
 * at info, a failure after it, such as a record that does not decrypt, at debug).
 *
 * <p>Thread rule: any thread.
 */
public final class TlsFailures {

    private static final System.Logger LOG = System.getLogger(TlsFailures.class.getName());

    private TlsFailures() {
    }

    /** Counts and logs {@code failure} of the connection with {@code peer}. */
    public static void record(ServerStats stats, SocketAddress peer, Exception failure, boolean handshaking) {
        if (handshaking) {
            stats.onTlsFailure();
        }
        SafeLog.log(LOG, handshaking ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "tls-failed",
                () -> "TLS " + (handshaking ? "handshake " : "") + "failed with " + Addresses.shown(peer) + ": "
                        + failure.getMessage(), null);
    }
}
