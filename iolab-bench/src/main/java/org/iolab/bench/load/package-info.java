/**
 * The lab's load: {@link org.iolab.bench.load.LoadGenerator} drives connections that each
 * repeat an {@link org.iolab.bench.load.Exchange} (the upper echo, HTTP requests, WebSocket
 * messages) and checks every reply; its TLS ({@link org.iolab.bench.load.LabTls}), its
 * placement on CPUs ({@link org.iolab.bench.load.Pinning}) and the modes of a latency sample
 * ({@link org.iolab.bench.load.LatencyModes}).
 */
package org.iolab.bench.load;
