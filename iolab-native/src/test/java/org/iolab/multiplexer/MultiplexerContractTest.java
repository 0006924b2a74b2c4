package org.iolab.multiplexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The backend contract of {@link Multiplexer}, run on every backend and trigger mode. */
class MultiplexerContractTest {

    static Stream<String> multiplexers() {
        return Stream.of("select", "poll", "epoll-level", "epoll-edge");
    }

    static Multiplexer open(String name) throws IOException {
        return switch (name) {
            case "select" -> new SelectMultiplexer();
            case "poll" -> new PollMultiplexer();
            case "epoll-level" -> new EpollMultiplexer(Multiplexer.Trigger.LEVEL);
            case "epoll-edge" -> new EpollMultiplexer(Multiplexer.Trigger.EDGE);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Polls (up to 10 s in slices) until an event for {@code token} arrives; its bits, or 0. */
    static int awaitEvent(Multiplexer p, ReadyEvents ev, int token) throws IOException {
        for (int round = 0; round < 100; round++) {
            int n = p.waitFor(ev, 100);
            for (int i = 0; i < n; i++) {
                if (ev.token(i) == token) {
                    return ev.ready(i);
                }
            }
        }
        return 0;
    }

    /** One non-blocking poll: the bits reported for {@code token}, or 0. */
    static int pollNow(Multiplexer p, ReadyEvents ev, int token) throws IOException {
        int n = p.waitFor(ev, 0);
        for (int i = 0; i < n; i++) {
            if (ev.token(i) == token) {
                return ev.ready(i);
            }
        }
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiplexers")
    void aRegisteredDescriptorIsReportedReadableByItsToken(String name) throws Exception {
        try (Multiplexer p = open(name); Descriptors d = new Descriptors()) {
            ReadyEvents ev = new ReadyEvents(16);
            p.register(d.fd, 42, Multiplexer.READ);
            assertThat(pollNow(p, ev, 42)).isZero();
            d.clientWrites(10);
            assertThat(awaitEvent(p, ev, 42) & Multiplexer.READ).isNotZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiplexers")
    void modifyChangesInterestAndDeregisterStopsReports(String name) throws Exception {
        try (Multiplexer p = open(name); Descriptors d = new Descriptors()) {
            ReadyEvents ev = new ReadyEvents(16);
            p.register(d.fd, 7, Multiplexer.READ);
            p.modify(d.fd, 7, Multiplexer.WRITE);
            assertThat(awaitEvent(p, ev, 7) & Multiplexer.WRITE).as("an empty socket is writable").isNotZero();
            p.modify(d.fd, 8, Multiplexer.READ);
            d.clientWrites(1);
            assertThat(awaitEvent(p, ev, 8) & Multiplexer.READ).isNotZero();
            p.deregister(d.fd);
            d.clientWrites(1);
            assertThat(p.waitFor(ev, 50)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiplexers")
    void wakeupFromAnotherThreadEndsABlockedPollWithNoEvents(String name) throws Exception {
        try (Multiplexer p = open(name); Descriptors d = new Descriptors()) {
            p.register(d.fd, 1, Multiplexer.READ);
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.waitFor(new ReadyEvents(16), -1);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(50); // usually lets the poll block first; correct either way
            p.wakeup();
            assertThat(polled.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(p.waitFor(new ReadyEvents(16), 0)).as("the wake-up was consumed").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiplexers")
    void aPeerClosingWhileAPollIsBlockedIsReportedAndThenReadAsEndOfStream(String name) throws Exception {
        try (Multiplexer p = open(name); Descriptors d = new Descriptors()) {
            p.register(d.fd, 3, Multiplexer.READ);
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return awaitEvent(p, new ReadyEvents(16), 3);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            d.client.close();
            assertThat(polled.get(15, TimeUnit.SECONDS) & Multiplexer.READ).isNotZero();
            assertThat(d.read()).isEqualTo(-1);
            p.deregister(d.fd);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiplexers")
    void readinessWithNothingLeftToReadIsTolerated(String name) throws Exception {
        try (Multiplexer p = open(name); Descriptors d = new Descriptors()) {
            ReadyEvents ev = new ReadyEvents(16);
            p.register(d.fd, 5, Multiplexer.READ);
            d.clientWrites(100);
            assertThat(awaitEvent(p, ev, 5) & Multiplexer.READ).isNotZero();
            assertThat(d.drain()).isEqualTo(100);
            assertThat(d.read()).as("a second reader finds EAGAIN, not an error").isZero();
        }
    }

    @Test
    void edgeTriggerReportsOnceUntilDrainedToEagainLevelRepeats() throws Exception {
        try (Multiplexer edge = open("epoll-edge"); Multiplexer level = open("epoll-level");
             Descriptors a = new Descriptors(); Descriptors b = new Descriptors()) {
            ReadyEvents ev = new ReadyEvents(16);
            edge.register(a.fd, 1, Multiplexer.READ);
            level.register(b.fd, 1, Multiplexer.READ);
            a.clientWrites(1000);
            b.clientWrites(1000);
            assertThat(awaitEvent(edge, ev, 1)).isNotZero();
            assertThat(awaitEvent(level, ev, 1)).isNotZero();
            assertThat(pollNow(edge, ev, 1)).as("edge: no second report for the same data").isZero();
            assertThat(pollNow(level, ev, 1)).as("level: reported while readable").isNotZero();
            assertThat(a.drain()).isEqualTo(1000);
            a.clientWrites(5);
            assertThat(awaitEvent(edge, ev, 1)).as("edge: new data after EAGAIN is a new edge").isNotZero();
        }
    }

    @Test
    void selectRefusesDescriptorsAtOrAboveFdSetSize() throws Exception {
        try (SelectMultiplexer p = new SelectMultiplexer()) {
            assertThatThrownBy(() -> p.register(1024, 1, Multiplexer.READ))
                    .isInstanceOf(DescriptorLimitException.class)
                    .hasMessageContaining("select cannot watch descriptor 1024");
        }
    }
}
