package org.iolab.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The backend contract of {@link Poller}, run on every backend and trigger mode. */
class PollerContractTest {

    static Stream<String> pollers() {
        return Stream.of("select", "poll", "epoll-level", "epoll-edge");
    }

    static Poller open(String name) throws IOException {
        return switch (name) {
            case "select" -> new SelectPoller();
            case "poll" -> new PollPoller();
            case "epoll-level" -> new EpollPoller(Poller.Trigger.LEVEL);
            case "epoll-edge" -> new EpollPoller(Poller.Trigger.EDGE);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Polls (up to 10 s in slices) until an event for {@code token} arrives; its bits, or 0. */
    static int awaitEvent(Poller p, PollEvents ev, int token) throws IOException {
        for (int round = 0; round < 100; round++) {
            int n = p.poll(ev, 100);
            for (int i = 0; i < n; i++) {
                if (ev.token(i) == token) {
                    return ev.ready(i);
                }
            }
        }
        return 0;
    }

    /** One non-blocking poll: the bits reported for {@code token}, or 0. */
    static int pollNow(Poller p, PollEvents ev, int token) throws IOException {
        int n = p.poll(ev, 0);
        for (int i = 0; i < n; i++) {
            if (ev.token(i) == token) {
                return ev.ready(i);
            }
        }
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollers")
    void aRegisteredDescriptorIsReportedReadableByItsToken(String name) throws Exception {
        try (Poller p = open(name); Descriptors d = new Descriptors()) {
            PollEvents ev = new PollEvents(16);
            p.register(d.fd, 42, Poller.READ);
            assertThat(pollNow(p, ev, 42)).isZero();
            d.clientWrites(10);
            assertThat(awaitEvent(p, ev, 42) & Poller.READ).isNotZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollers")
    void modifyChangesInterestAndDeregisterStopsReports(String name) throws Exception {
        try (Poller p = open(name); Descriptors d = new Descriptors()) {
            PollEvents ev = new PollEvents(16);
            p.register(d.fd, 7, Poller.READ);
            p.modify(d.fd, 7, Poller.WRITE);
            assertThat(awaitEvent(p, ev, 7) & Poller.WRITE).as("an empty socket is writable").isNotZero();
            p.modify(d.fd, 8, Poller.READ);
            d.clientWrites(1);
            assertThat(awaitEvent(p, ev, 8) & Poller.READ).isNotZero();
            p.deregister(d.fd);
            d.clientWrites(1);
            assertThat(p.poll(ev, 50)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollers")
    void wakeupFromAnotherThreadEndsABlockedPollWithNoEvents(String name) throws Exception {
        try (Poller p = open(name); Descriptors d = new Descriptors()) {
            p.register(d.fd, 1, Poller.READ);
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.poll(new PollEvents(16), -1);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(50); // usually lets the poll block first; correct either way
            p.wakeup();
            assertThat(polled.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(p.poll(new PollEvents(16), 0)).as("the wake-up was consumed").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollers")
    void aPeerClosingWhileAPollIsBlockedIsReportedAndThenReadAsEndOfStream(String name) throws Exception {
        try (Poller p = open(name); Descriptors d = new Descriptors()) {
            p.register(d.fd, 3, Poller.READ);
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return awaitEvent(p, new PollEvents(16), 3);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            d.client.close();
            assertThat(polled.get(15, TimeUnit.SECONDS) & Poller.READ).isNotZero();
            assertThat(d.read()).isEqualTo(-1);
            p.deregister(d.fd);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollers")
    void readinessWithNothingLeftToReadIsTolerated(String name) throws Exception {
        try (Poller p = open(name); Descriptors d = new Descriptors()) {
            PollEvents ev = new PollEvents(16);
            p.register(d.fd, 5, Poller.READ);
            d.clientWrites(100);
            assertThat(awaitEvent(p, ev, 5) & Poller.READ).isNotZero();
            assertThat(d.drain()).isEqualTo(100);
            assertThat(d.read()).as("a second reader finds EAGAIN, not an error").isZero();
        }
    }

    @Test
    void edgeTriggerReportsOnceUntilDrainedToEagainLevelRepeats() throws Exception {
        try (Poller edge = open("epoll-edge"); Poller level = open("epoll-level");
             Descriptors a = new Descriptors(); Descriptors b = new Descriptors()) {
            PollEvents ev = new PollEvents(16);
            edge.register(a.fd, 1, Poller.READ);
            level.register(b.fd, 1, Poller.READ);
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
        try (SelectPoller p = new SelectPoller()) {
            assertThatThrownBy(() -> p.register(1024, 1, Poller.READ))
                    .isInstanceOf(DescriptorLimitException.class)
                    .hasMessageContaining("select cannot watch descriptor 1024");
        }
    }
}
