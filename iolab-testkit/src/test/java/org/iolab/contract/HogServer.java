package org.iolab.contract;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iolab.apps.UpperProtocol;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/**
 * A server in a process of its own for {@link DescriptorExhaustionTest}: upper-case echo on the
 * engine named by the first argument, driven by lines on stdin: {@code hog} opens files until
 * the process has no descriptor left, {@code release} closes them, {@code stats} prints the
 * counters, {@code quit} stops.
 */
public final class HogServer {

    private HogServer() {
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws IOException {
        ServerConfig config = ServerConfig.builder().engine(args[0]).port(0).eventLoops(Servers.eventLoops(args[0], 1))
                .shutdownGrace(Duration.ofSeconds(1)).build();
        List<FileInputStream> hogged = new ArrayList<>();
        try (Server server = Server.start(config, Application.tcp(c -> new UpperProtocol()))) {
            System.out.println("listening " + server.port());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.strip()) {
                    case "hog" -> {
                        for (int pass = 0; pass < 5; pass++) { // the JVM frees a descriptor it used for a moment
                            try {
                                while (true) {
                                    hogged.add(new FileInputStream("/dev/null"));
                                }
                            } catch (IOException full) {
                                sleep(50);
                            }
                        }
                        System.out.println("hogged " + hogged.size());
                    }
                    case "release" -> {
                        for (FileInputStream f : hogged) {
                            f.close();
                        }
                        hogged.clear();
                        System.out.println("released");
                    }
                    case "stats" -> System.out.println("stats " + server.stats());
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println("unknown " + line);
                }
            }
        }
    }
}
