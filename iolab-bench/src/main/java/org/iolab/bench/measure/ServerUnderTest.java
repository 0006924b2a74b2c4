package org.iolab.bench.measure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A server the lab measures: one it started in a process of its own ({@link ServerProcess}),
 * or one that runs elsewhere ({@link RemoteServer}), whose server-side figures come from its
 * admin page or are not measured.
 *
 * <p>Thread rule: {@link #sample} from any thread.
 */
public interface ServerUnderTest {

    /** Where the load goes. */
    InetSocketAddress address();

    /** The engine that really runs, as the server said. */
    String engine();

    /** The processes to count system calls in; empty when they cannot be reached (another machine). */
    List<Long> pids();

    /** CPU time, threads and resident memory now, or {@code null} when they are not measured. */
    ProcStats.Sample sample() throws IOException;

    /** CPU time its JIT compilers have used so far, or -1 when it cannot be read (another machine). */
    default long jitCpuNanos() throws IOException {
        return -1;
    }

    /** Why {@link #sample} is {@code null}, for the notes. */
    default String whyNotMeasured() {
        return "";
    }

    /** A mark for {@link #outputSince}. */
    default long outputMark() {
        return 0;
    }

    /** What the server printed after {@code mark} (its warnings and refusals), where the lab can see it. */
    default List<String> outputSince(long mark) {
        return List.of();
    }
}
