package org.iolab.apps;

import java.util.List;
import java.util.Optional;
import org.iolab.server.Application;

/**
 * The apps that come with iolab, by name, as the CLI and the lab ask for them.
 *
 * <p>Thread rule: stateless; each call makes a fresh application (a fresh chat room).
 */
public final class Apps {

    /** One app: its name, what it is, and whether it has a UDP form. */
    public record Info(String name, String description, boolean udp) {
    }

    private static final List<Info> ALL = List.of(
            new Info("upper", "echo that upper-cases ASCII letters, byte-exact (TCP and UDP)", true),
            new Info("chat", "line chat room: every line goes to everyone as 'ip:port message'; quit leaves", false),
            new Info("menu", "call-centre menu: 0 for an operator, exit to hang up", false),
            new Info("menu-stream", "the same menu as a blocking StreamHandler (thread engines only)", false));

    private Apps() {
    }

    public static List<Info> all() {
        return ALL;
    }

    /**
     * The application of that name.
     *
     * @throws IllegalArgumentException naming the known apps, or saying the app has no UDP form
     */
    public static Application create(String name, boolean udp) {
        Info info = find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown app '" + name + "'; known apps: "
                        + String.join(", ", ALL.stream().map(Info::name).toList())));
        if (udp && !info.udp()) {
            throw new IllegalArgumentException("app '" + name + "' has no UDP form; UDP apps: upper");
        }
        return switch (name) {
            case "upper" -> udp ? Application.udp(new UpperDatagram()) : Application.tcp(c -> new UpperProtocol());
            case "chat" -> Application.tcp(new ChatRoom());
            case "menu" -> Application.tcp(c -> new MenuProtocol());
            case "menu-stream" -> Application.stream(new MenuStreamHandler());
            default -> throw new IllegalStateException("app listed but not built: " + name);
        };
    }

    public static Optional<Info> find(String name) {
        return ALL.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
