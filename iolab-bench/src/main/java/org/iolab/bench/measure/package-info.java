/**
 * One measured run ({@link org.iolab.bench.measure.Bench}): the server under measure in a process
 * of its own ({@link org.iolab.bench.measure.ServerProcess}) or elsewhere
 * ({@link org.iolab.bench.measure.RemoteServer}), what is sampled from it ({@code /proc},
 * {@code perf stat}, its heap), the result, and the medians of rounds
 * ({@link org.iolab.bench.measure.Rounds}).
 */
package org.iolab.bench.measure;
