package example;

import org.iolab.apps.http.HttpProtocol;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/** Serves {@link Greeter}'s routes on port 8080 (or the first argument) on the default engine. */
public final class Main {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        try (Server server = Server.start(ServerConfig.builder().port(port).build(), // the best engine here
                HttpProtocol.application(Greeter.routes()))) {
            System.out.println("listening on " + server.localAddress() + " engine=" + server.engine().name());
            server.awaitShutdown();
        }
    }
}
