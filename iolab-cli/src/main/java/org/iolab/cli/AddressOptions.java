package org.iolab.cli;

import picocli.CommandLine.Option;

/** {@code --host}, {@code --port} and {@code --udp}, shared by {@code serve} and {@code client}. */
final class AddressOptions {

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "the server's address (serve binds it, client connects to it); default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "9000", paramLabel = "PORT", converter = Counts.Port.class,
            description = "the server's port (serve: 0 for any free port); default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--udp", description = "UDP instead of TCP (the upper app only)")
    boolean udp;
}
