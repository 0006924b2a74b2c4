package example;

import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/** Serves {@link ReverseLines} on port 9000 (or the first argument) until stopped. */
public final class Main {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        try (Server server = Server.start(
                ServerConfig.builder().engine("virtual").port(port).build(), // or "nio", "threads", ...
                Application.tcp(info -> new ReverseLines()))) {
            System.out.println("listening on " + server.localAddress() + " engine=" + server.engine().name());
            server.awaitShutdown(); // until another thread calls close()
        }
    }
}
