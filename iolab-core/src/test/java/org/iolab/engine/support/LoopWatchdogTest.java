package org.iolab.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.iolab.server.ServerStats;
import org.junit.jupiter.api.Test;

/** The watchdog's count, on clocks it is handed: a long turn once, a short one never, a waiting thread never. */
class LoopWatchdogTest {

    @Test
    void aTurnLongerThanTheThresholdCountsOnceHoweverOftenItIsSeen() {
        TurnClock clock = new TurnClock();
        clock.bind();
        ServerStats stats = new ServerStats();
        LoopWatchdog watchdog = new LoopWatchdog(List.of(clock), Duration.ofMillis(100), stats);
        clock.begin();
        long began = clock.started();
        watchdog.check(began + Duration.ofMillis(50).toNanos());
        assertThat(stats.blockedLoops()).as("shorter than the threshold").isZero();
        watchdog.check(began + Duration.ofMillis(150).toNanos());
        watchdog.check(began + Duration.ofMillis(900).toNanos());
        assertThat(stats.blockedLoops()).as("the same turn, seen twice").isEqualTo(1);
        clock.end();
        watchdog.check(began + Duration.ofSeconds(5).toNanos());
        assertThat(stats.blockedLoops()).as("waiting for IO is no turn").isEqualTo(1);
        clock.begin();
        watchdog.check(clock.started() + Duration.ofMillis(200).toNanos());
        assertThat(stats.blockedLoops()).as("a new long turn").isEqualTo(2);
    }

    @Test
    void theWarningNamesTheHandlerAndTheApplicationsFrame() {
        StackTraceElement[] stack = {
            new StackTraceElement("java.lang.Thread", "sleep", "Thread.java", 1),
            new StackTraceElement("com.example.Slow", "lookup", "Slow.java", 42),
            new StackTraceElement("com.example.SlowProtocol", "dataReceived", "SlowProtocol.java", 7),
            new StackTraceElement("org.iolab.engine.support.CallbackGuard", "dataReceived", "CallbackGuard.java", 48),
            new StackTraceElement("org.iolab.engine.event.EventLoop", "run", "EventLoop.java", 128),
        };
        assertThat(BlockedStack.describe(stack))
                .isEqualTo("in com.example.SlowProtocol.dataReceived, at com.example.Slow.lookup(Slow.java:42)");
        assertThat(BlockedStack.describe(new StackTraceElement[] {stack[4]})).contains("not in a connection's handler");
    }
}
