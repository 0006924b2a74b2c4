package org.iolab.contract;

import java.time.Duration;
import org.iolab.apps.Apps;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/**
 * A processes server in a JVM of its own, for {@link ProcessesEngineTest}: two blocking workers
 * serving upper; prints {@code listening PORT} once they serve, then waits to be killed.
 */
public final class ProcessesHost {

    private ProcessesHost() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.builder().engine("processes").port(0).option("workers", "2")
                .shutdownGrace(Duration.ofSeconds(1)).build();
        Server server = Server.start(config, Apps.create("upper", false));
        System.out.println("listening " + server.port());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(2)); // bounded: the test kills it long before
        server.close();
    }
}
