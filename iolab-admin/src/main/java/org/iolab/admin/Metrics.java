package org.iolab.admin;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A {@link Sample} in the Prometheus text exposition format, written by the Prometheus Java
 * client's own writer ({@code iolab_connections_accepted_total}, {@code iolab_connections_open},
 * ...).
 *
 * <p>Thread rule: stateless.
 */
final class Metrics {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private Metrics() {
    }

    static byte[] text(Sample s) {
        List<MetricSnapshot> all = List.of(
                gauge("iolab_connections_open", "connections open now", s.open()),
                counter("iolab_connections_accepted", "connections accepted", s.accepted()),
                counter("iolab_connections_rejected", "connections refused (limits, descriptors)", s.rejected()),
                counter("iolab_connections_failed", "connections ended by an error", s.failed()),
                counter("iolab_timeouts", "line, idle, write-stall and TLS handshake timeouts", s.timeouts()),
                counter("iolab_tls_handshakes", "TLS handshakes completed", s.tlsHandshakes()),
                counter("iolab_tls_failures", "TLS handshakes that failed: not TLS, refused, broken or cut short",
                        s.tlsFailures()),
                counter("iolab_slow_consumer_drops", "members dropped for not reading", s.drops()),
                counter("iolab_blocked_loops", "event-loop turns longer than the blocked-loop warning", s.blockedLoops()),
                counter("iolab_work_refused", "blocking work the full worker pool refused", s.workRefused()),
                counter("iolab_reads", "reads that brought bytes", s.reads()),
                counter("iolab_received_bytes", "bytes received", s.bytesIn()),
                counter("iolab_sent_bytes", "bytes sent", s.bytesOut()),
                gauge("iolab_process_cpu_percent", "the process's CPU over the last second (100 = one core)",
                        s.cpuPercent()),
                gauge("iolab_process_resident_memory_bytes", "the process's resident memory", s.rssBytes()),
                counter("iolab_process_cpu_seconds", "the process's CPU time", s.cpuNanos() / 1e9),
                gauge("iolab_process_threads", "the process's live threads", s.threads()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WRITER.write(out, new MetricSnapshots(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
