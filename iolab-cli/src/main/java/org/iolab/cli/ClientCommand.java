package org.iolab.cli;

import java.util.concurrent.Callable;
import org.iolab.cli.client.Console;
import org.iolab.cli.client.PipeConsole;
import org.iolab.cli.client.TcpClient;
import org.iolab.cli.client.TerminalConsole;
import org.iolab.cli.client.UdpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code iolab client}: an interactive line client, like the source documents' clients. Lines
 * typed are sent; whatever the server sends is shown as it arrives (chat lines from others
 * too), above the line being typed at a terminal. Exit status: 0 when you end it, 1 when the
 * server closes or resets the connection first (or it cannot be made).
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        header = "Talk to a server line by line.",
        description = {"Each line you type is sent; replies are shown as they arrive, above the line being "
                + "typed. End with Ctrl-D (the last replies are shown) or Ctrl-C.",
                "Exit status: 0 when you end it; 1 when the server closes or resets the connection first, or "
                + "it cannot be made; 2 for a bad command line."})
final class ClientCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AddressOptions address;

    @picocli.CommandLine.Option(names = "--tls", description = "speak TLS; the server's certificate is verified against "
            + "the JDK's trust store and its name against --host")
    boolean tls;

    @picocli.CommandLine.Option(names = "--ca", paramLabel = "FILE", description = "with --tls: trust the PEM "
            + "certificates in FILE instead (a self-signed server's: the file serve --tls prints)")
    java.nio.file.Path ca;

    @picocli.CommandLine.Option(names = "--insecure", description = "with --tls: do not verify the server's certificate "
            + "(its fingerprint is shown, to compare with the one the server printed)")
    boolean insecure;

    @Override
    public Integer call() throws Exception {
        if (!tls && (ca != null || insecure)) {
            throw new IllegalArgumentException((ca != null ? "--ca" : "--insecure") + " needs --tls");
        }
        if (tls && address.udp) {
            throw new IllegalArgumentException("--tls is for TCP: UDP is in clear");
        }
        org.iolab.cli.client.ClientTls clientTls = tls ? org.iolab.cli.client.ClientTls.of(ca, insecure) : null;
        Console console = System.console() != null && System.console().isTerminal()
                ? new TerminalConsole() : new PipeConsole(System.in, System.out, System.err);
        return address.udp ? new UdpClient(console).run(address.host, address.port)
                : new TcpClient(console).run(address.host, address.port, clientTls);
    }
}
