package org.iolab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code iolab client}: an interactive line client, like the source documents' clients. Lines
 * typed are sent; whatever the server sends is shown as it arrives (chat lines from others
 * too). At the end of input the client half-closes and shows the rest of the replies.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Talk to a server line by line: each line you type is sent; replies are shown",
                "as they arrive. End with Ctrl-D (the rest of the replies is shown) or Ctrl-C."})
final class ClientCommand implements Callable<Integer> {

    private static final int UDP_REPLY_WAIT_MS = 2000;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AddressOptions address;

    @Override
    public Integer call() throws Exception {
        return address.udp ? udp() : tcp();
    }

    private int tcp() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null;
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address.host, address.port), 5000);
            } catch (IOException e) {
                spec.commandLine().getErr().println("iolab: cannot connect to " + address.host + ":" + address.port + ": " + e.getMessage());
                return CommandLine.ExitCode.SOFTWARE;
            }
            if (terminal) {
                out.println("connected to " + address.host + ":" + address.port + "; type lines, Ctrl-D to end");
                out.flush();
            }
            Thread printer = Thread.ofPlatform().daemon(true).start(() -> printReplies(socket, out));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            OutputStream toServer = socket.getOutputStream();
            String line;
            try {
                while ((line = in.readLine()) != null) {
                    toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    toServer.flush();
                }
                socket.shutdownOutput();
            } catch (IOException e) {
                out.println("(connection closed by the server)");
            }
            printer.join(10_000);
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static void printReplies(Socket socket, PrintWriter out) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.print(new String(buf, 0, n, StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            out.println("(connection ended: " + e.getMessage() + ")");
            out.flush();
        }
    }

    private int udp() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress target = new InetSocketAddress(address.host, address.port);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(UDP_REPLY_WAIT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            byte[] buf = new byte[65_535];
            String line;
            while ((line = in.readLine()) != null) {
                byte[] data = line.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(data, data.length, target));
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(reply);
                    out.println(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
                } catch (SocketTimeoutException e) {
                    out.println("(no reply within " + UDP_REPLY_WAIT_MS + " ms)");
                }
                out.flush();
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
