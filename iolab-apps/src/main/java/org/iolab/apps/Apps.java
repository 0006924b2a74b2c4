package org.iolab.apps;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.iolab.server.Application;
import org.iolab.server.ApplicationProvider;

/**
 * The apps that come with iolab, each registered once, by name, with its factories; the CLI,
 * its help texts and the lab all read this list. The line-based apps declare it, so the engine
 * enforces the line deadline; the chat room is spared the idle timeout (a member may only listen).
 *
 * <p>Thread rule: immutable; each {@link #create} makes a fresh application (a fresh chat room).
 */
public final class Apps {

    /**
     * One app.
     *
     * @param name the name on the command line
     * @param description one line on what it does
     * @param tcp makes the TCP application
     * @param udp makes the UDP application, or {@code null} when the app has no UDP form
     * @param onBus makes the TCP application on a bus ({@link Bus}), or {@code null} when the app
     *     has no state shared by its connections (the chat room's members share the room)
     */
    public record App(String name, String description, Supplier<Application> tcp, Supplier<Application> udp,
                      java.util.function.Function<Bus, Application> onBus) {

        /** Whether its connections share state (a room), which several processes share only through a bus. */
        public boolean oneProcess() {
            return onBus != null;
        }

        public boolean hasUdp() {
            return udp != null;
        }

        /** The ALPN protocol ids it speaks over TLS ({@code http/1.1} for http); empty: no ALPN. */
        public List<String> alpn() {
            return name.equals("http") ? org.iolab.apps.http.HttpProtocol.ALPN : name.equals("ws") ? List.of("http/1.1") : List.of();
        }
    }

    private static final List<App> ALL = List.of(
            new App("upper", "echo that upper-cases ASCII letters, byte-exact (TCP and UDP)",
                    () -> Application.tcp(c -> new UpperProtocol()), () -> Application.udp(new UpperDatagram()), null),
            new App("chat", "line chat room: every line goes to everyone as 'ip:port message'; quit leaves",
                    () -> chat(ChatRoom.DEFAULT_HISTORY, null, false), null,
                    bus -> Application.tcp(new ChatRoom(bus)).lines().exemptFromIdleTimeout()),
            new App("menu", "call-centre menu: 0 for an operator, exit to hang up",
                    () -> Application.tcp(c -> new MenuProtocol()).lines(), null, null),
            new App("menu-stream", "the same menu as a blocking StreamHandler (thread engines only)",
                    () -> Application.stream(new MenuStreamHandler()).lines(), null, null),
            new App("http", "HTTP/1.1: GET /plaintext, GET /json, POST /echo (upper-cased, streamed); keep-alive, pipelining",
                    () -> http(org.iolab.apps.http.RouteOptions.DEFAULT_MAX_BODY), null, null),
            new App("ws", "WebSocket echo at /ws (RFC 6455): every message back, ASCII upper-cased; text and binary",
                    () -> org.iolab.apps.http.HttpProtocol.application(
                            WebSocketEcho.router(org.iolab.apps.ws.WebSocketOptions.DEFAULTS)), null, null),
            new App("heavy", "the upper echo, but '!burn MS' computes and '!sleep MS' blocks MS ms on the connection's thread first",
                    () -> Application.tcp(c -> new HeavyEcho(false)), null, null),
            new App("heavy-offload", "the heavy echo with its work on the server's workers (Transport.executeBlocking), in order",
                    () -> Application.tcp(c -> new HeavyEcho(true)), null, null));

    private Apps() {
    }

    public static List<App> all() {
        return ALL;
    }

    /** The names, in listing order. */
    public static List<String> names() {
        return ALL.stream().map(App::name).toList();
    }

    /**
     * The application of that name.
     *
     * @throws IllegalArgumentException naming the known apps, or saying the app has no UDP form
     */
    public static Application create(String name, boolean udp) {
        return create(name, udp, null);
    }

    /**
     * The application of that name, its room on the bus {@code busUri} ({@code redis://HOST:PORT})
     * when not {@code null}. Its recipe is {@code NAME} or {@code NAME --bus URI}.
     *
     * @throws IllegalArgumentException naming the known apps, saying the app has no UDP form or
     *     no room for a bus, or that no bus is known for the URI
     */
    public static Application create(String name, boolean udp, String busUri) {
        App app = find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown app '" + name + "'; known apps: " + String.join(", ", names())));
        if (busUri != null) {
            if (!app.oneProcess()) {
                throw new IllegalArgumentException("--bus applies to apps with a room ("
                        + String.join(", ", ALL.stream().filter(App::oneProcess).map(App::name).toList())
                        + "), not to " + name);
            }
            if (udp) {
                throw new IllegalArgumentException("app '" + name + "' has no UDP form");
            }
            return app.onBus().apply(Bus.open(busUri)).named(name + " --bus " + busUri);
        }
        if (!udp) {
            return app.tcp().get().named(name);
        }
        if (!app.hasUdp()) {
            throw new IllegalArgumentException("app '" + name + "' has no UDP form; UDP apps: "
                    + String.join(", ", ALL.stream().filter(App::hasUdp).map(App::name).toList()));
        }
        return app.udp().get();
    }

    /**
     * The chat app: a room that shows a member who joins its last {@code history} lines, on the
     * bus {@code busUri} ({@code null}: the room is this process), {@code durable} or not (see
     * {@link Bus.Provider#open}). Its recipe, for the processes engine's workers, is
     * {@code chat [--history N] [--bus URI [--bus-durable]]}.
     *
     * @throws IllegalArgumentException for a history out of range, durable without a bus, or a
     *     bus no provider knows
     */
    public static Application chat(int history, String busUri, boolean durable) {
        RoomHistory.check(history); // before a bus is opened
        if (durable && busUri == null) {
            throw new IllegalArgumentException("--bus-durable goes with --bus (a room in one process has no store to fail over)");
        }
        Bus bus = busUri == null ? new InProcessBus() : Bus.open(busUri, durable);
        String recipe = "chat" + (history == ChatRoom.DEFAULT_HISTORY ? "" : " --history " + history)
                + (busUri == null ? "" : " --bus " + busUri) + (durable ? " --bus-durable" : "");
        return Application.tcp(new ChatRoom(ChatRoom.HARD_CAP, ChatRoom.STALL_LIMIT, bus, history)).lines()
                .exemptFromIdleTimeout().named(recipe);
    }

    /** {@link #chat}'s recipe, back to the application; empty when a word is not one of its flags. */
    private static Optional<Application> chat(String[] words) {
        int history = ChatRoom.DEFAULT_HISTORY;
        String busUri = null;
        boolean durable = false;
        for (int i = 1; i < words.length; i++) {
            switch (words[i]) {
                case "--history" -> history = i + 1 < words.length ? Integer.parseInt(words[++i]) : -1;
                case "--bus" -> busUri = i + 1 < words.length ? words[++i] : null;
                case "--bus-durable" -> durable = true;
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(chat(history, busUri, durable));
    }

    /**
     * The http app with a body limit ({@code --max-body}; {@code Long.MAX_VALUE}: none, which only a
     * streaming route such as POST /echo serves in bounded memory). Its recipe carries the limit,
     * for the processes engine's workers: {@code http} or {@code http --max-body N}.
     */
    public static Application http(long maxBody) {
        if (maxBody < 0) {
            throw new IllegalArgumentException("--max-body must be 0 or more bytes, got " + maxBody);
        }
        Application a = org.iolab.apps.http.HttpProtocol.application(DemoRoutes.router(maxBody));
        return a.named(maxBody == org.iolab.apps.http.RouteOptions.DEFAULT_MAX_BODY ? "http"
                : "http --max-body " + (maxBody == Long.MAX_VALUE ? "unlimited" : Long.toString(maxBody)));
    }

    /** {@code --max-body}'s value: bytes, with {@code k}, {@code m} or {@code g} (binary), or {@code unlimited}. */
    public static long bodyLimit(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("unlimited")) {
            return Long.MAX_VALUE;
        }
        long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : t.endsWith("g") ? 1L << 30 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-body takes bytes (1048576, 64k, 16m, 1g) or unlimited, not '" + text + "'");
        }
    }

    /** Makes iolab's apps (TCP) from their names, for the processes engine's workers. Thread rule: stateless. */
    public static final class Provider implements ApplicationProvider {
        @Override
        public Optional<Application> make(String recipe) {
            String[] words = recipe.strip().split(" +");
            if (find(words[0]).isEmpty()) {
                return Optional.empty();
            }
            if (words[0].equals("chat")) {
                return chat(words);
            }
            if (words.length == 3 && words[1].equals("--bus")) {
                return Optional.of(create(words[0], false, words[2]));
            }
            if (words.length == 3 && words[0].equals("http") && words[1].equals("--max-body")) {
                return Optional.of(http(bodyLimit(words[2])));
            }
            return words.length == 1 ? Optional.of(create(words[0], false)) : Optional.empty();
        }
    }

    public static Optional<App> find(String name) {
        return ALL.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
