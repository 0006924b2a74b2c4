package org.iolab.engine.support;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

/** Closing without caring how it went: for sockets being let go. Thread rule: stateless. */
public final class Closeables {

    private Closeables() {
    }

    /** An action on a socket that may fail once its peer has gone. */
    @FunctionalInterface
    public interface SocketAction {
        void run() throws IOException;
    }

    /** Closes {@code c} if not null, ignoring failures (the resource is being abandoned). */
    public static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort: nothing more can be done with it
        }
    }

    /** Runs {@code action} ({@code channel::shutdownOutput}), ignoring the failure of a peer that has gone. */
    public static void quietly(SocketAction action) {
        try {
            action.run();
        } catch (IOException ignored) {
            // the peer has gone: closing anyway
        }
    }

    /** Closes a connection's channel: with a reset ({@code SO_LINGER} 0) first when {@code reset}. */
    public static void close(NetworkChannel channel, boolean reset) {
        if (reset && channel.isOpen()) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException ignored) {
                // closing anyway: without the reset
            }
        }
        closeQuietly(channel);
    }
}
