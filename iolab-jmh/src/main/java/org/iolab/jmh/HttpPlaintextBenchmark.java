package org.iolab.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.iolab.apps.DemoRoutes;
import org.iolab.apps.http.HttpProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The http app's cost per request above the engine: the lab's {@code GET /plaintext} (the
 * request the lab and TechEmpower send) parsed, routed by the demo {@code Router} and answered,
 * on 100 connections in turn, as one read of 16 pipelined requests or of one. What the lab's
 * HTTP loads measure less this is the engine's share (system calls, the loop); the machine's noise,
 * which swamps a few per cent in the lab, is much smaller here. Run:
 *
 * <pre>
 * java -jar iolab-jmh/target/benchmarks.jar HttpPlaintext
 * </pre>
 *
 * <p>Thread rule: JMH's; one state per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xmx1g")
public class HttpPlaintextBenchmark {

    private static final byte[] REQUEST = "GET /plaintext HTTP/1.1\r\nHost: iolab-lab\r\nAccept: text/plain\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int CONNECTIONS = 100;

    private final DiscardingTransport transport = new DiscardingTransport();
    private final HttpProtocol[] connections = new HttpProtocol[CONNECTIONS];
    private ByteBuffer pipelined;
    private ByteBuffer single;
    private int next;

    @Setup
    public void setUp() {
        var router = DemoRoutes.router();
        for (int i = 0; i < CONNECTIONS; i++) {
            connections[i] = new HttpProtocol(router, Integer.MAX_VALUE); // never closed by the request cap
            connections[i].connectionMade(transport);
        }
        pipelined = ByteBuffer.allocateDirect(16 * REQUEST.length); // as an engine's read buffer
        for (int i = 0; i < 16; i++) {
            pipelined.put(REQUEST);
        }
        single = ByteBuffer.allocateDirect(REQUEST.length).put(REQUEST);
    }

    /** One read of 16 pipelined requests; the score is per request. */
    @Benchmark
    @OperationsPerInvocation(16)
    public long pipelined16() {
        return feed(pipelined);
    }

    /** One read of one request (keep-alive, one at a time). */
    @Benchmark
    public long keepAlive() {
        return feed(single);
    }

    private long feed(ByteBuffer data) {
        data.clear();
        HttpProtocol c = connections[next];
        next = next + 1 == CONNECTIONS ? 0 : next + 1;
        c.dataReceived(data);
        return transport.written;
    }
}
