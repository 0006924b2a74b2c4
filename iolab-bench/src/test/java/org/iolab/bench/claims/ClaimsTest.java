package org.iolab.bench.claims;

import org.iolab.bench.load.LatencyModes;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Rounds;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claim verdicts from synthetic results, each claim on both sides of each of its thresholds and
 * without the runs it needs.
 */
class ClaimsTest {

    static final Duration HOLD = Duration.ofMillis(300);

    /** A measured result with the figures the claims read; everything else plausible. */
    static BenchResult result(Scenario s, String target, double p50Micros, double cpuPercent, int threads,
                              double cpuPerMessage, String note) {
        return new BenchResult(s.id(), target, target, s.shape(), new BenchResult.Throughput(5, 500_000, 100_000, 6.4, 50),
                new BenchResult.Latency(p50Micros, p50Micros * 2, p50Micros * 3, p50Micros * 4),
                new BenchResult.ServerCost(1000, cpuPerMessage, cpuPercent, threads, 90), new BenchResult.Checks(0, 0, 0), note);
    }

    static BenchResult waited(Scenario s, String target, double millis) {
        return result(s, target, millis * 1000, 1, 10, 5, "");
    }

    static String verdict(int claim, BenchResult... rs) {
        Claims.Claim c = Claims.evaluate(List.of(rs), HOLD).get(claim - 1);
        assertThat(c.number()).isEqualTo(claim);
        return c.verdict();
    }

    @Test
    void claim1BlockingHoldsWhenTheSecondClientWaitedMostOfTheHold() {
        // threshold: 0.8 x 300 ms = 240 ms
        assertThat(verdict(1, waited(Scenarios.ONE_AT_A_TIME, "blocking", 250))).isEqualTo(Claims.HOLDS);
        assertThat(verdict(1, waited(Scenarios.ONE_AT_A_TIME, "blocking", 230))).isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(1, waited(Scenarios.ONE_AT_A_TIME, "threads", 1))).isEqualTo(Claims.NOT_MEASURED);
    }

    @Test
    void claim2ThreadsNeedsAThreadPerConnectionAndAPoolThatCaps() {
        BenchResult epoll = result(Scenarios.ACTIVE_1000, "epoll", 500, 90, 12, 8, "");
        BenchResult manyThreads = result(Scenarios.ACTIVE_1000, "threads", 500, 90, 1030, 9, "");
        BenchResult fewThreads = result(Scenarios.ACTIVE_1000, "threads", 500, 90, 95, 9, "");
        BenchResult poolCaps = waited(Scenarios.ONE_AT_A_TIME, "pool", 250);
        BenchResult poolDoesNot = waited(Scenarios.ONE_AT_A_TIME, "pool", 230);
        assertThat(verdict(2, epoll, manyThreads, poolCaps)).isEqualTo(Claims.HOLDS);
        assertThat(verdict(2, epoll, fewThreads, poolCaps)).as("under 100 threads").isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(2, epoll, manyThreads, poolDoesNot)).as("the pool did not cap").isEqualTo(Claims.DOES_NOT_HOLD);
        BenchResult busyReactor = result(Scenarios.ACTIVE_1000, "epoll", 500, 90, 200, 8, "");
        assertThat(verdict(2, busyReactor, manyThreads, poolCaps)).as("over 5x the reactor's threads").isEqualTo(Claims.HOLDS);
        BenchResult reactorNear = result(Scenarios.ACTIVE_1000, "epoll", 500, 90, 210, 8, "");
        assertThat(verdict(2, reactorNear, manyThreads, poolCaps)).as("not over 5x the reactor's").isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(2, epoll, manyThreads)).isEqualTo(Claims.NOT_MEASURED);
    }

    @Test
    void claim3PollingBurnsCpuWhenIdle() {
        // what the claim says: CPU spent with nothing happening, polling's against the multiplexers'
        BenchResult epoll = result(Scenarios.IDLE_CPU, "epoll", 0, 0, 3, 0, "");
        assertThat(verdict(3, result(Scenarios.IDLE_CPU, "polling", 0, 18, 3, 0, ""), epoll))
                .as("18 %% of a core against nothing: a quick run judged this 'does not hold' under a fixed 20 %% line")
                .isEqualTo(Claims.HOLDS);
        assertThat(verdict(3, result(Scenarios.IDLE_CPU, "polling", 0, 2, 3, 0, ""), epoll))
                .as("2 %% is no burning").isEqualTo(Claims.DOES_NOT_HOLD);
        BenchResult busyPoll = result(Scenarios.IDLE_CPU, "poll", 0, 10, 3, 0, "");
        assertThat(verdict(3, result(Scenarios.IDLE_CPU, "polling", 0, 60, 3, 0, ""), epoll, busyPoll))
                .as("against the multiplexer that spent the most").isEqualTo(Claims.DOES_NOT_HOLD);
        BenchResult nio = result(Scenarios.IDLE_CPU, "nio", 0, 0.5, 3, 0, "");
        assertThat(verdict(3, result(Scenarios.IDLE_CPU, "polling", 0, 99, 3, 0, ""), nio)).as("nio stands in").isEqualTo(Claims.HOLDS);
        assertThat(verdict(3, result(Scenarios.IDLE_CPU, "polling", 0, 99, 3, 0, ""))).isEqualTo(Claims.NOT_MEASURED);
        Claims.Claim c = Claims.evaluate(List.of(result(Scenarios.IDLE_CPU, "polling", 0, 18, 3, 0, ""), epoll,
                result(Scenarios.IDLE_CPU, "polling+spin", 0, 99.5, 3, 0, "")), HOLD).get(2);
        assertThat(c.evidence()).isEqualTo("with 100 idle connections and no traffic, polling used 18.0% of a core "
                + "(parking 100 us after 1024 empty passes), the most of the multiplexers 0.0% (epoll); the source "
                + "documents' loop, never parking (polling+spin), 99.5%");
    }

    @Test
    void claim4MultiplexingIsNotFasterForOneConnection() {
        // holds at 0.9 x threads' p50 or more, fails under 0.7 x, inconclusive between (the noise)
        BenchResult threads = result(Scenarios.ONE_CONNECTION, "threads", 100, 50, 3, 5, "");
        assertThat(verdict(4, result(Scenarios.ONE_CONNECTION, "epoll", 91, 50, 3, 5, ""), threads)).isEqualTo(Claims.HOLDS);
        assertThat(verdict(4, result(Scenarios.ONE_CONNECTION, "epoll", 89, 50, 3, 5, ""), threads)).isEqualTo(Claims.INCONCLUSIVE);
        assertThat(verdict(4, result(Scenarios.ONE_CONNECTION, "epoll", 70, 50, 3, 5, ""), threads)).isEqualTo(Claims.INCONCLUSIVE);
        assertThat(verdict(4, result(Scenarios.ONE_CONNECTION, "epoll", 69, 50, 3, 5, ""), threads)).isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(4, threads)).isEqualTo(Claims.NOT_MEASURED);
    }

    @Test
    void claim4IsInconclusiveOnASampleWithTwoModesAndShowsBoth() {
        BenchResult threads = result(Scenarios.ONE_CONNECTION, "threads", 70, 50, 3, 5, "");
        BenchResult e = result(Scenarios.ONE_CONNECTION, "epoll", 10, 50, 3, 5, "");
        BenchResult twoModed = new BenchResult(e.scenario(), e.target(), e.engineRan(), e.shape(), e.throughput(),
                new BenchResult.Latency(10, 80, 90, 100, new LatencyModes(10, 0.62, 70, 0.38)), e.server(), e.checks(), "");
        assertThat(verdict(4, e, threads)).as("one mode each: judged").isEqualTo(Claims.DOES_NOT_HOLD);
        Claims.Claim c = Claims.evaluate(List.of(twoModed, threads), HOLD).get(3);
        assertThat(c.verdict()).isEqualTo(Claims.INCONCLUSIVE);
        assertThat(c.evidence()).contains("epoll p50 10 us (100000 msg/s; two modes: 62% near 10 us, 38% near 70 us)")
                .contains("server on CPU 0 and load on the others");
    }

    @Test
    void claim5SelectRefusesPast1024AndPollCostsMoreThanEpoll() {
        // thresholds: select refused past 1024; poll's CPU per message over 1.5x epoll's
        BenchResult refused = result(Scenarios.IDLE_5000, "select", 500, 50, 3, 5, "refused descriptors past 1024");
        BenchResult accepted = result(Scenarios.IDLE_5000, "select", 500, 50, 3, 5, "");
        BenchResult epoll = result(Scenarios.IDLE_5000, "epoll", 500, 50, 3, 10, "");
        BenchResult pollCostly = result(Scenarios.IDLE_5000, "poll", 500, 50, 3, 16, "");
        BenchResult pollCheap = result(Scenarios.IDLE_5000, "poll", 500, 50, 3, 14, "");
        assertThat(verdict(5, refused, epoll, pollCostly)).isEqualTo(Claims.HOLDS);
        assertThat(verdict(5, refused, epoll, pollCheap)).isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(5, accepted, epoll, pollCostly)).isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(5, refused, epoll)).isEqualTo(Claims.NOT_MEASURED);
    }

    static BenchResult load(Scenario s, String target, double cpu, long mismatches) {
        return new BenchResult(s.id(), target, target, s.shape(), new BenchResult.Throughput(5, 500_000, 100_000, 6.4, 50),
                new BenchResult.Latency(600, 900, 1200, 2000), new BenchResult.ServerCost(1000, cpu, 50, 16, 90),
                new BenchResult.Checks(mismatches, 0, 0), "");
    }

    static Claims.Claim claim6(List<BenchResult> rs) {
        return Claims.evaluate(rs, Duration.ofMillis(300)).get(5);
    }

    @Test
    void asyncIoHoldsWhenTheCompletionEngineServedByteExact() {
        Claims.Claim c = claim6(List.of(load(Scenarios.ACTIVE_100, "iouring", 6.3, 0), load(Scenarios.ACTIVE_100, "epoll", 7.2, 0)));
        assertThat(c.number()).isEqualTo(6);
        assertThat(c.verdict()).isEqualTo(Claims.HOLDS);
        assertThat(c.evidence()).contains("iouring never calls recv or send").contains("6.30").contains("epoll").contains("7.20");
    }

    @Test
    void asyncIoDoesNotHoldWhenTheCompletionEngineCorrupted() {
        assertThat(claim6(List.of(load(Scenarios.ACTIVE_100, "iouring", 6.3, 3))).verdict()).isEqualTo(Claims.DOES_NOT_HOLD);
    }

    @Test
    void asyncIoIsNotMeasuredWithoutIoUringNio2DoesNotCount() {
        Claims.Claim c = claim6(List.of(load(Scenarios.ACTIVE_100, "nio2", 8.0, 0)));
        assertThat(c.verdict()).isEqualTo(Claims.NOT_MEASURED);
        assertThat(c.evidence()).contains("nio2 is a Proactor emulated over epoll");
    }

    @Test
    void overRoundsAVerdictStandsWhenEveryRoundAgreesAndIsInconclusiveWhenTheyDisagree() {
        // claim 1, threshold 240 ms: medians 250 (holds); the rounds 250, 260, 255 all hold
        List<List<BenchResult>> agree = List.of(List.of(waited(Scenarios.ONE_AT_A_TIME, "blocking", 250)),
                List.of(waited(Scenarios.ONE_AT_A_TIME, "blocking", 260)),
                List.of(waited(Scenarios.ONE_AT_A_TIME, "blocking", 255)));
        Claims.Claim c = Claims.judge(agree, Rounds.medians(agree), HOLD).getFirst();
        assertThat(c.verdict()).isEqualTo(Claims.HOLDS);
        assertThat(c.evidence()).contains("medians of 3 rounds; every round agrees").contains("waited 255 ms");
        // medians 250 holds, but one round (200) does not: inconclusive, each round's verdict given
        List<List<BenchResult>> disagree = List.of(List.of(waited(Scenarios.ONE_AT_A_TIME, "blocking", 250)),
                List.of(waited(Scenarios.ONE_AT_A_TIME, "blocking", 200)),
                List.of(waited(Scenarios.ONE_AT_A_TIME, "blocking", 260)));
        c = Claims.judge(disagree, Rounds.medians(disagree), HOLD).getFirst();
        assertThat(c.verdict()).isEqualTo(Claims.INCONCLUSIVE);
        assertThat(c.evidence()).contains("the rounds disagree: holds, does not hold here, holds");
        // one round says it is one sample
        c = Claims.judge(agree.subList(0, 1), agree.getFirst(), HOLD).getFirst();
        assertThat(c.verdict()).isEqualTo(Claims.HOLDS);
        assertThat(c.evidence()).contains("one round");
        // a claim whose runs were not made stays "not measured", whatever the rounds
        assertThat(Claims.judge(agree, Rounds.medians(agree), HOLD).get(2).verdict()).isEqualTo(Claims.NOT_MEASURED);
    }

    static BenchResult counted(BenchResult r, long syscalls, java.util.Map<String, Long> calls) {
        return new BenchResult(r.scenario(), r.target(), r.engineRan(), r.shape(), r.throughput(), r.latency(), r.server(),
                r.checks(), r.note(), new BenchResult.Kernel("", syscalls, 10L, calls, r.messages()));
    }

    @Test
    void theEvidenceCarriesSystemCallsPerMessageAndCompletionsPerCallOrWhyNot() {
        // 500,000 messages each: epoll asks, then reads and writes; threads only reads and writes
        BenchResult epoll = counted(result(Scenarios.ONE_CONNECTION, "epoll", 20, 50, 17, 8, ""), 1_500_000,
                java.util.Map.of("epoll_wait", 500_000L, "recvfrom", 500_000L, "sendto", 500_000L));
        BenchResult threads = counted(result(Scenarios.ONE_CONNECTION, "threads", 20, 50, 17, 8, ""), 1_000_000,
                java.util.Map.of("read", 500_000L, "write", 500_000L));
        String evidence = Claims.evaluate(List.of(epoll, threads), HOLD).get(3).evidence();
        assertThat(evidence).contains("3.00 system calls per message (")
                .contains("epoll_wait 1.00").contains("recvfrom 1.00").contains("2.00 system calls per message (")
                .contains("read 1.00");
        BenchResult uring = counted(result(Scenarios.ACTIVE_100, "iouring", 500, 90, 17, 8, ""), 50_000,
                java.util.Map.of("io_uring_enter", 50_000L));
        assertThat(Claims.evaluate(List.of(uring), HOLD).get(5).evidence())
                .contains("20.0 completions per system call (io_uring_enter 0.10 per message");
        BenchResult uncounted = new BenchResult(uring.scenario(), "iouring", "iouring", uring.shape(), uring.throughput(),
                uring.latency(), uring.server(), uring.checks(), "", BenchResult.Kernel.notMeasured("perf is not installed"));
        assertThat(Claims.evaluate(List.of(uncounted), HOLD).get(5).evidence())
                .contains("completions per system call not measured: perf is not installed");
    }

    @Test
    void claim7HttpHoldsWhenIolabsBestSpendsNoMoreCpuPerRequestThanNettysBest() {
        Scenario p = Scenarios.HTTP_PIPELINED;
        BenchResult epoll = result(p, "epoll", 500, 90, 17, 0.8, "");
        BenchResult threads = result(p, "threads", 500, 90, 117, 3.0, "");
        BenchResult nettyEpoll = result(p, "netty-epoll", 500, 90, 19, 2.3, "");
        BenchResult nettyNio = result(p, "netty-nio", 500, 90, 19, 0.9, "");
        assertThat(verdict(7, threads, epoll, nettyEpoll, nettyNio)).isEqualTo(Claims.HOLDS); // 0.8 against 0.9
        assertThat(verdict(7, threads, nettyEpoll, nettyNio)).isEqualTo(Claims.DOES_NOT_HOLD); // 3.0 against 0.9
        BenchResult unserved = new BenchResult(p.id(), "epoll", "epoll", p.shape(), epoll.throughput(), epoll.latency(),
                epoll.server(), new BenchResult.Checks(0, 0, 3), "");
        assertThat(verdict(7, unserved, threads, nettyNio)).as("a row that left connections unserved is not a best")
                .isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(7, epoll, threads)).isEqualTo(Claims.NOT_MEASURED);
        assertThat(verdict(7, result(Scenarios.ACTIVE_100, "epoll", 500, 90, 17, 0.8, ""), nettyNio))
                .isEqualTo(Claims.NOT_MEASURED);
        Claims.Claim c = Claims.evaluate(List.of(epoll, nettyEpoll, result(Scenarios.HTTP_100, "epoll", 1, 1, 1, 6, ""),
                result(Scenarios.HTTP_100, "netty-epoll", 1, 1, 1, 12, "")), HOLD).get(6);
        assertThat(c.evidence()).isEqualTo("pipelined: epoll 0.80 us of server CPU per request (100000 req/s), netty-epoll "
                + "2.30 us of server CPU per request (100000 req/s) (0.35x); keep-alive: epoll 6.00 us of server CPU per "
                + "request (100000 req/s), netty-epoll 12.00 us of server CPU per request (100000 req/s) (0.50x)");
    }

    /** Scenario 32 and 33 rows of {@code target}: its paced connections' p99 without and with the heavy handlers. */
    private static List<BenchResult> heavy(String target, double baseP99Millis, double heavyP99Millis) {
        return List.of(result(Scenarios.HEAVY_BASELINE, target, baseP99Millis * 500, 10, 20, 1, ""),
                result(Scenarios.HEAVY_HANDLERS, target, heavyP99Millis * 500, 10, 20, 1, "")); // p99 is twice p50
    }

    private static Claims.Claim claim11(List<List<BenchResult>> rows) {
        List<BenchResult> all = rows.stream().flatMap(List::stream).toList();
        return Claims.evaluate(all, HOLD).stream().filter(c -> c.number() == 11).findFirst().orElseThrow();
    }

    @Test
    void claim11HoldsWhenOnlyTheReactorWithItsWorkOnTheLoopMakesTheOthersWait() {
        Claims.Claim c = claim11(List.of(heavy("epoll", 4, 50), heavy("epoll+offload", 4, 11), heavy("threads", 6.5, 4.7),
                heavy("virtual", 4.4, 5.3)));
        assertThat(c.verdict()).isEqualTo(Claims.HOLDS);
        assertThat(c.evidence()).contains("epoll 4.0 -> 50.0 ms (+46.0)").contains("epoll+offload 4.0 -> 11.0 ms (+7.0)")
                .contains("threads 6.5 -> 4.7 ms (-1.8)");
    }

    @Test
    void claim11QuotesVirtualThreadsBesideItsVerdictForAHandlerThatComputesKeepsItsCarrier() {
        Claims.Claim c = claim11(List.of(heavy("epoll", 2, 50), heavy("epoll+offload", 2, 5), heavy("threads", 2.6, 2.5),
                heavy("virtual", 3.4, 48.5), heavy("processes", 5.9, 45.8)));
        assertThat(c.verdict()).isEqualTo(Claims.HOLDS);
        assertThat(c.evidence()).contains(HeavyHandlerClaim.CARRIERS + ": virtual 3.4 -> 48.5 ms (+45.1), "
                + "processes (virtual-thread workers) 5.9 -> 45.8 ms (+39.9)");
        assertThat(claim11(List.of(heavy("epoll", 2, 50), heavy("epoll+offload", 2, 5), heavy("virtual", 3, 3))).verdict())
                .as("virtual threads are not the kernel's thread per connection").isEqualTo(Claims.NOT_MEASURED);
    }

    @Test
    void claim11DoesNotHoldWhenTheWorkOffTheLoopStillStallsTheOthersOrTheReactorDoesNot() {
        assertThat(claim11(List.of(heavy("epoll", 4, 50), heavy("epoll+offload", 4, 40), heavy("threads", 6, 6))).verdict())
                .isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(claim11(List.of(heavy("epoll", 4, 10), heavy("epoll+offload", 4, 5), heavy("threads", 6, 6))).verdict())
                .isEqualTo(Claims.DOES_NOT_HOLD);
    }

    @Test
    void claim11IsNotMeasuredWithoutAReactorBothWaysAndAThreadEngine() {
        assertThat(claim11(List.of(heavy("epoll", 4, 50), heavy("threads", 6, 6))).verdict()).isEqualTo(Claims.NOT_MEASURED);
        assertThat(claim11(List.of(heavy("epoll", 4, 50), heavy("epoll+offload", 4, 5))).verdict())
                .isEqualTo(Claims.NOT_MEASURED);
        assertThat(claim11(List.of(List.of(result(Scenarios.HEAVY_HANDLERS, "epoll", 25_000, 10, 20, 1, "")))).verdict())
                .as("no baseline").isEqualTo(Claims.NOT_MEASURED);
    }

    @Test
    void aComparisonJudgesTheClaimsOfItsApp() {
        List<List<BenchResult>> rounds = List.of(List.of(result(Scenarios.ACTIVE_100, "epoll", 1, 1, 1, 1, "")));
        assertThat(Claims.judge(rounds, rounds.getFirst(), HOLD, "upper")).extracting(Claims.Claim::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 11);
        assertThat(Claims.judge(rounds, rounds.getFirst(), HOLD, "http")).extracting(Claims.Claim::number)
                .containsExactly(7);
        assertThat(Claims.judge(rounds, rounds.getFirst(), HOLD, "ws")).extracting(Claims.Claim::number)
                .containsExactly(9);
        assertThat(Claims.judge(rounds, rounds.getFirst(), HOLD, "h2")).extracting(Claims.Claim::number)
                .containsExactly(10);
    }

    @Test
    void claim9WebSocketIsJudgedAgainstNettyWithPlainTcpBeside() {
        BenchResult epoll = result(Scenarios.WS_ECHO, "epoll", 500, 90, 17, 8.0, "");
        BenchResult netty = result(Scenarios.WS_ECHO, "netty-epoll", 500, 90, 19, 10.0, "");
        assertThat(verdict(9, epoll, netty)).isEqualTo(Claims.HOLDS);
        assertThat(verdict(9, result(Scenarios.WS_ECHO, "epoll", 500, 90, 17, 12.0, ""), netty))
                .isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(9, epoll)).isEqualTo(Claims.NOT_MEASURED);
        Claims.Claim c = Claims.evaluate(List.of(epoll, netty, result(Scenarios.WS_TCP_BESIDE, "epoll", 1, 1, 1, 6, ""),
                result(Scenarios.WS_TCP_BESIDE, "netty-epoll", 1, 1, 1, 7.5, "")), HOLD).get(8);
        assertThat(c.evidence()).isEqualTo("WebSocket: epoll 8.00 us of server CPU per message (100000 msg/s), "
                + "netty-epoll 10.00 us of server CPU per message (100000 msg/s) (0.80x); plain TCP: epoll 6.00 us of "
                + "server CPU per message (100000 msg/s), netty-epoll 7.50 us of server CPU per message (100000 msg/s) "
                + "(0.80x)");
    }

    @Test
    void claim10Http2IsJudgedOnStreamsInClearTextAgainstNettysBestWithOneStreamAndTlsBeside() {
        BenchResult epoll = result(Scenarios.H2C_STREAMS, "epoll", 500, 90, 17, 3.0, "");
        BenchResult netty = result(Scenarios.H2C_STREAMS, "netty-epoll", 500, 90, 19, 6.0, "");
        assertThat(verdict(10, epoll, netty)).isEqualTo(Claims.HOLDS);
        assertThat(verdict(10, result(Scenarios.H2C_STREAMS, "epoll", 500, 90, 17, 6.0, ""), netty))
                .as("the claim is less CPU: the same is not less").isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(verdict(10, epoll)).isEqualTo(Claims.NOT_MEASURED);
        assertThat(verdict(10, result(Scenarios.H2C_ONE_STREAM, "epoll", 1, 1, 1, 1, ""), netty))
                .isEqualTo(Claims.NOT_MEASURED);
        Claims.Claim c = Claims.evaluate(List.of(epoll, netty,
                result(Scenarios.H2C_ONE_STREAM, "epoll", 1, 1, 1, 12, ""),
                result(Scenarios.H2C_ONE_STREAM, "netty-epoll", 1, 1, 1, 24, ""),
                result(Scenarios.H2_TLS_STREAMS, "epoll", 1, 1, 1, 9, ""),
                result(Scenarios.H2_TLS_STREAMS, "netty-epoll", 1, 1, 1, 20, ""),
                result(Scenarios.H2_TLS_STREAMS, "netty-epoll+openssl", 1, 1, 1, 18, "")), HOLD).get(9);
        assertThat(c.evidence()).isEqualTo("16 streams: epoll 3.00 us of server CPU per request (100000 req/s), "
                + "netty-epoll 6.00 us of server CPU per request (100000 req/s) (0.50x); one stream: epoll 12.00 us of "
                + "server CPU per request (100000 req/s), netty-epoll 24.00 us of server CPU per request (100000 req/s) "
                + "(0.50x); over TLS, 16 streams: epoll 9.00 us of server CPU per request (100000 req/s), "
                + "netty-epoll+openssl 18.00 us of server CPU per request (100000 req/s) (0.50x)");
    }

    @Test
    void claim8TlsJudgesIolabOnTheJdkProviderAgainstNettyOnItsAndShowsEachOnOpenSslBeside() {
        Claims.Claim c = Claims.evaluate(List.of(
                result(Scenarios.HTTPS_PIPELINED, "epoll", 1, 1, 1, 2.0, ""),
                result(Scenarios.HTTPS_PIPELINED, "epoll+openssl", 1, 1, 1, 0.5, ""),
                result(Scenarios.HTTPS_PIPELINED, "netty-epoll", 1, 1, 1, 1.0, ""),
                result(Scenarios.HTTPS_PIPELINED, "netty-epoll+openssl", 1, 1, 1, 1.0, ""),
                result(Scenarios.TLS_HANDSHAKES, "epoll+openssl", 1, 1, 1, 600, ""),
                result(Scenarios.TLS_HANDSHAKES, "netty-epoll+openssl", 1, 1, 1, 800, ""),
                result(Scenarios.TLS_HANDSHAKES, "nginx", 1, 1, 1, 400, ""),
                result(Scenarios.TLS_RESUMED, "epoll+openssl", 1, 1, 1, 200, ""),
                result(Scenarios.TLS_RESUMED, "netty-epoll+openssl", 1, 1, 1, 250, "")), HOLD).get(7);
        assertThat(c.verdict()).as("the JDK provider's 2.0 against Netty's 1.0: OpenSSL's 0.5 does not count")
                .isEqualTo(Claims.DOES_NOT_HOLD);
        assertThat(c.evidence()).startsWith("pipelined: epoll 2.00 us")
                .contains("; on OpenSSL (iolab's provider, Netty's BoringSSL), pipelined: epoll+openssl 0.50 us")
                .contains("; on OpenSSL, a full handshake per request: epoll+openssl 600.00 us")
                .contains("netty-epoll+openssl 800.00 us of server CPU per request (100000 req/s) (0.75x)")
                .contains("; on OpenSSL, a resumed handshake per request: epoll+openssl 200.00 us")
                .contains("; a full handshake against nginx: epoll+openssl 600.00 us of server CPU per request "
                        + "(100000 req/s), nginx 400.00 us of server CPU per request (100000 req/s) (1.50x)");
    }
}
