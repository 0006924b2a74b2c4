package org.iolab.engine.support;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.server.ServerStats;

/**
 * What lies between a connection's socket and its {@link TransportCore}, chosen once per
 * connection: {@link ClearStage} passes bytes through, {@link TlsStage} turns records into
 * plaintext and back with whatever {@link org.iolab.tls.TlsProvider} the server runs. The core
 * asks which it has once, to skip the clear stage's pass-through on its data paths (a call's
 * depth, see {@link ClearStage}); otherwise bytes from the engine go up through {@link #received}, the
 * application's writes go down through {@link #write}, and the closing sequence asks the stage
 * whether it still holds output ({@link #holdsOutput}) and for its last word
 * ({@link #closeOutbound}).
 *
 * <p><b>Thread rule.</b> {@link #write} from any thread (the caller has counted the bytes);
 * everything else on the connection's serialized thread.
 */
interface Stage {

    /** The transport core as a stage sees it: the wire below, the application above. */
    interface Core {
        /** Bytes for the socket (records, or clear text), in order; consumed or copied. */
        void toWire(ByteBuffer bytes);

        /** Bytes for the application (valid during the call). */
        void toApplication(ByteBuffer plaintext);

        /** The connection is ready for the application (at once in clear, after the handshake over TLS). */
        void opened(String applicationProtocol);

        /** The peer ended its side cleanly ({@code close_notify}). */
        void peerEnded();

        /** The stage failed: close after what is pending (an alert), telling the application {@code cause}. */
        void failed(Exception cause);

        /** Output the stage held went to the wire: re-evaluate the closing sequence. */
        void outputChanged();

        Serializer serializer();

        OutputQueue queue();

        ServerStats stats();

        InetSocketAddress remote();
    }

    /** The connection is accepted: announce it, or wait for a handshake. */
    void open();

    /** Bytes arrived from the socket (valid during the call). */
    void received(ByteBuffer wire);

    /** The application's bytes, from any thread. */
    void write(ByteBuffer data);

    /** Whether the stage holds output the wire has not been given (a close waits for it). */
    boolean holdsOutput();

    /**
     * Gives the stage's last word to the wire ({@code close_notify}), once; {@code true} when it
     * gave something now (the close then waits for it to drain).
     */
    boolean closeOutbound();

    /** The connection has ended on any path: let go of what the stage holds (a native TLS session); nothing is sent. */
    void release();

    /** The socket's input ended: {@code null} for a clean end, else what the application is told (a truncation). */
    Throwable endOfInput();
}
