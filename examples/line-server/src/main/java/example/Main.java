package example;

import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/** Serves {@link Shouter} on port 9000 (or the first argument), a virtual thread per connection. */
public final class Main {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        try (Server server = Server.start(ServerConfig.builder().engine("virtual").port(port).build(),
                Application.stream(new Shouter()))) {
            System.out.println("listening on " + server.localAddress() + " engine=" + server.engine().name());
            server.awaitShutdown();
        }
    }
}
