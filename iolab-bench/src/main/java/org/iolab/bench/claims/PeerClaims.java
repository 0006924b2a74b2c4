package org.iolab.bench.claims;

import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.peers.Nginx;
import org.iolab.bench.peers.Target;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.iolab.bench.claims.Claims.Claim;

/**
 * iolab's own claims against its peers, judged like the source documents' (see {@link Claims}):
 * over HTTP (claim 7, the http comparison), over TLS (claim 8, the tls comparison), over
 * WebSocket (claim 9, the ws comparison) and over HTTP/2 (claim 10, the h2 comparison), each iolab's best engine against the best of the peers
 * it names, by server CPU per request or message.
 *
 * <p>Thread rule: stateless.
 */
final class PeerClaims {

    /** The HTTP goal's number. */
    static final int HTTP = 7;
    /** The TLS goal's number. */
    static final int TLS = 8;
    /** The WebSocket goal's number. */
    static final int WS = 9;
    /** The HTTP/2 goal's number. */
    static final int H2 = 10;

    private static final Predicate<String> IOLAB = t -> !Target.isPeer(t);
    /** iolab on the JDK's TLS provider: the same TLS code as Netty's SslHandler on the JDK's. */
    private static final Predicate<String> IOLAB_JDK = IOLAB.and(t -> !t.endsWith(Target.OPENSSL));
    private static final Predicate<String> IOLAB_OPENSSL = IOLAB.and(t -> t.endsWith(Target.OPENSSL));
    private static final Predicate<String> NETTY = t -> t.startsWith("netty-");
    /** Netty's SslHandler on the JDK's SSLEngine: the same TLS code as iolab's. */
    private static final Predicate<String> NETTY_JDK = NETTY.and(t -> !t.endsWith(Target.OPENSSL));
    private static final Predicate<String> NETTY_OPENSSL = NETTY.and(t -> t.endsWith(Target.OPENSSL));
    private static final Predicate<String> NGINX = t -> t.equals(Nginx.NAME);

    private PeerClaims() {
    }

    /**
     * The HTTP goal: iolab's best engine spends no more server CPU per request than Netty's best
     * peer, on TechEmpower's plaintext load (pipelined); keep-alive is shown beside it, and nginx
     * where it ran.
     */
    static Claim httpAgainstNetty(List<BenchResult> rs) {
        String text = "iolab serves HTTP/1.1 for no more server CPU per request than Netty (TechEmpower's plaintext "
                + "test, 16 requests pipelined; iolab's best engine against Netty's best transport).";
        return against(rs, HTTP, text, "pipelined", Scenarios.HTTP_PIPELINED, Scenarios.HTTP_100, null, IOLAB, NETTY,
                "compare --app http", false);
    }

    /**
     * The TLS goal: iolab's best engine spends no more server CPU per TLS request than Netty's
     * best transport on the JDK's SSLEngine (the same TLS code: what differs is the IO around
     * it), HTTPS pipelined; keep-alive and handshakes beside it, and iolab's OpenSSL provider
     * against Netty on OpenSSL (BoringSSL), and nginx, which the claim does not judge.
     */
    static Claim tlsAgainstNetty(List<BenchResult> rs) {
        String text = "iolab serves TLS for no more server CPU per request than Netty's SslHandler on the JDK's "
                + "SSLEngine (HTTPS, 16 requests pipelined; iolab's best engine against Netty's best JDK-provider "
                + "transport).";
        Claim c = against(rs, TLS, text, "pipelined", Scenarios.HTTPS_PIPELINED, Scenarios.HTTPS_100,
                Scenarios.TLS_HANDSHAKES, IOLAB_JDK, NETTY_JDK, "compare --app tls", false);
        if (c.verdict().equals(Claims.NOT_MEASURED)) {
            return c;
        }
        StringBuilder openssl = new StringBuilder(c.evidence()); // each side on OpenSSL, beside: not judged
        beside(rs, Scenarios.HTTPS_PIPELINED, "on OpenSSL (iolab's provider, Netty's BoringSSL), pipelined", IOLAB_OPENSSL,
                NETTY_OPENSSL, openssl);
        beside(rs, Scenarios.HTTPS_100, "on OpenSSL, keep-alive", IOLAB_OPENSSL, NETTY_OPENSSL, openssl);
        beside(rs, Scenarios.TLS_HANDSHAKES, "on OpenSSL, a full handshake per request", IOLAB_OPENSSL, NETTY_OPENSSL, openssl);
        beside(rs, Scenarios.TLS_RESUMED, "on OpenSSL, a resumed handshake per request", IOLAB_OPENSSL, NETTY_OPENSSL, openssl);
        beside(rs, Scenarios.TLS_HANDSHAKES, "a full handshake against nginx", IOLAB_OPENSSL, NGINX, openssl);
        return new Claim(c.number(), c.text(), openssl.toString(), c.verdict());
    }

    /**
     * The WebSocket goal: iolab's best engine spends no more server CPU per message than Netty's
     * best transport with its {@code WebSocketServerProtocolHandler}, 100 connections echoing
     * 64-byte messages; the same echo in plain TCP is shown beside it (what the framing costs).
     */
    static Claim wsAgainstNetty(List<BenchResult> rs) {
        String text = "iolab serves WebSocket messages for no more server CPU per message than Netty's "
                + "WebSocketServerProtocolHandler (100 connections, 64 B messages; iolab's best engine against "
                + "Netty's best transport).";
        return against(rs, WS, text, "WebSocket", Scenarios.WS_ECHO, Scenarios.WS_TCP_BESIDE, null, IOLAB, NETTY,
                "compare --app ws", false);
    }

    /**
     * The HTTP/2 goal: iolab's best engine spends less server CPU per request than Netty's best
     * transport with its {@code Http2FrameCodec}, h2load's 100 connections of 16 streams in clear
     * text; one stream per connection beside it, and nginx where it ran. The TLS rows and HTTP/1.1
     * pipelined under the same client are in the tables, not judged.
     */
    static Claim h2AgainstNetty(List<BenchResult> rs) {
        String text = "iolab serves HTTP/2 for less server CPU per request than Netty's Http2FrameCodec (h2load, 100 "
                + "connections of 16 streams in clear text; iolab's best engine against Netty's best transport).";
        Claim c = against(rs, H2, text, "16 streams", Scenarios.H2C_STREAMS, Scenarios.H2C_ONE_STREAM, null, IOLAB, NETTY,
                "compare --app h2", true);
        if (c.verdict().equals(Claims.NOT_MEASURED)) {
            return c;
        }
        StringBuilder tls = new StringBuilder(c.evidence()); // over TLS beside: Netty's best of its two providers
        beside(rs, Scenarios.H2_TLS_STREAMS, "over TLS, 16 streams", IOLAB, NETTY, tls);
        beside(rs, Scenarios.H2_TLS_ONE_STREAM, "over TLS, one stream", IOLAB, NETTY, tls);
        return new Claim(c.number(), c.text(), tls.toString(), c.verdict());
    }

    private static Claim against(List<BenchResult> rs, int number, String text, String label, Scenario main,
                                 Scenario beside, Scenario handshakes, Predicate<String> ours, Predicate<String> peer,
                                 String how, boolean strictlyLess) {
        Optional<BenchResult> iolab = best(rs, main, ours);
        Optional<BenchResult> other = best(rs, main, peer);
        if (iolab.isEmpty() || other.isEmpty()) {
            return new Claim(number, text, "needs scenario " + main.number() + " (" + how + ") on an iolab engine and a "
                    + "Netty peer", Claims.NOT_MEASURED);
        }
        double ratio = ratio(iolab.get(), other.get());
        StringBuilder evidence = new StringBuilder(label + ": " + perRequest(iolab.get()) + ", " + perRequest(other.get())
                + String.format(Locale.ROOT, " (%.2fx)", ratio));
        beside(rs, beside, main == Scenarios.WS_ECHO ? "plain TCP" : main == Scenarios.H2C_STREAMS ? "one stream"
                : "keep-alive", ours, peer, evidence);
        if (handshakes != null) {
            beside(rs, handshakes, "a new connection and handshake per request", ours, peer, evidence);
        }
        Optional<BenchResult> nginx = best(rs, main, NGINX);
        if (nginx.isPresent()) {
            evidence.append("; against nginx, " + label + ": ").append(perRequest(nginx.get()))
                    .append(String.format(Locale.ROOT, " (%.2fx)", ratio(iolab.get(), nginx.get())));
        } else if (rs.stream().anyMatch(r -> r.scenario().equals(main.id()) && NGINX.test(r.target()))) {
            evidence.append("; nginx did not run: ").append(rs.stream().filter(r -> r.scenario().equals(main.id())
                    && NGINX.test(r.target())).findFirst().map(BenchResult::note).orElse(""));
        }
        boolean holds = strictlyLess ? ratio < 1 : ratio <= 1;
        return new Claim(number, text, evidence.toString(), holds ? Claims.HOLDS : Claims.DOES_NOT_HOLD);
    }

    /** "; keep-alive: epoll 2.10 us ..., netty-epoll 3.02 us ... (0.70x)", when both ran. */
    private static void beside(List<BenchResult> rs, Scenario s, String label, Predicate<String> ours, Predicate<String> peer,
                               StringBuilder to) {
        best(rs, s, ours).flatMap(i -> best(rs, s, peer).map(n -> "; " + label + ": " + perRequest(i) + ", "
                + perRequest(n) + String.format(Locale.ROOT, " (%.2fx)", ratio(i, n)))).ifPresent(to::append);
    }

    private static double ratio(BenchResult a, BenchResult b) {
        return a.cpuMicrosPerMessage() / b.cpuMicrosPerMessage();
    }

    /** "epoll 0.73 us of server CPU per request (1254005 req/s)"; per message and msg/s over WebSocket. */
    static String perRequest(BenchResult r) {
        boolean ws = r.scenario().equals(Scenarios.WS_ECHO.id()) || r.scenario().equals(Scenarios.WS_TCP_BESIDE.id());
        return String.format(Locale.ROOT, "%s %.2f us of server CPU per %s (%.0f %s/s)", r.target(),
                r.cpuMicrosPerMessage(), ws ? "message" : "request", r.throughput().messagesPerSecond(), ws ? "msg" : "req");
    }

    /** The row of {@code scenario} among {@code which} targets with the least CPU per message that served every connection right. */
    static Optional<BenchResult> best(List<BenchResult> rs, Scenario scenario, Predicate<String> which) {
        return rs.stream().filter(r -> r.scenario().equals(scenario.id()) && which.test(r.target())
                        && r.cpuMicrosPerMessage() != null && r.messages() > 0 && r.checks().unserved() == 0
                        && r.checks().mismatches() == 0)
                .min(Comparator.comparingDouble(BenchResult::cpuMicrosPerMessage));
    }
}
