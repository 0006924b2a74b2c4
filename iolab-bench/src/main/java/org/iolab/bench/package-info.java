/**
 * The lab: {@code iolab compare} and {@code iolab bench}. A {@link org.iolab.bench.Scenario}
 * (listed once, in {@link org.iolab.bench.Scenarios}) runs a load against a server in a process of
 * its own ({@link org.iolab.bench.ServerProcess}) or elsewhere ({@link org.iolab.bench.RemoteServer});
 * the {@link org.iolab.bench.LoadGenerator} speaks an {@link org.iolab.bench.Exchange} (the upper
 * echo, or HTTP requests) and checks every reply; {@link org.iolab.bench.Compare} runs every
 * scenario on every target over rounds, {@link org.iolab.bench.Rounds} takes the medians,
 * {@link org.iolab.bench.Claims} judges the source documents' claims, and
 * {@link org.iolab.bench.Report} writes the tables, charts and report.
 */
package org.iolab.bench;
