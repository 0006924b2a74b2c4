/**
 * Microbenchmarks (JMH) of iolab's hot paths without sockets: what an app costs per message
 * above the engine, measured with far less noise than the lab's end-to-end loads. Built into
 * {@code iolab-jmh/target/benchmarks.jar}; see docs/lab.md.
 */
package org.iolab.jmh;
