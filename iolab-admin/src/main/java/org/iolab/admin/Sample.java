package org.iolab.admin;

/**
 * One second of a server, as the admin page shows it: its counters then, and the rates over
 * the second before.
 *
 * <p>Thread rule: immutable.
 *
 * @param time when it was taken (epoch milliseconds)
 * @param open connections open
 * @param accepted connections accepted so far
 * @param rejected connections refused (limits, descriptors) so far
 * @param failed connections ended by an error so far
 * @param timeouts line, idle, write-stall and TLS handshake timeouts so far
 * @param drops slow consumers dropped so far
 * @param reads reads that brought bytes so far (a message each, for small requests)
 * @param bytesIn bytes received so far
 * @param bytesOut bytes sent so far
 * @param readsPerSecond reads over the last second
 * @param bytesInPerSecond bytes received over the last second
 * @param bytesOutPerSecond bytes sent over the last second
 * @param cpuPercent the process's CPU over the last second (100 = one core)
 * @param rssBytes the process's resident memory
 * @param cpuNanos the process's CPU time so far (user + system), for CPU per message over any window
 * @param threads the process's live threads
 * @param tlsHandshakes TLS handshakes completed so far
 * @param tlsFailures TLS handshakes that failed so far (not TLS, refused, broken, cut short)
 * @param blockedLoops event-loop turns longer than the blocked-loop warning so far
 * @param workRefused blocking work the full worker pool refused so far
 */
public record Sample(long time, long open, long accepted, long rejected, long failed, long timeouts, long drops,
                     long reads, long bytesIn, long bytesOut, double readsPerSecond, double bytesInPerSecond,
                     double bytesOutPerSecond, double cpuPercent, long rssBytes, long cpuNanos, int threads,
                     long tlsHandshakes, long tlsFailures, long blockedLoops, long workRefused) {
}
