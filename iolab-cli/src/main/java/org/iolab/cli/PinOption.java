package org.iolab.cli;

import picocli.CommandLine.Option;

/** {@code --pin}, shared by {@code bench} and {@code compare}. */
final class PinOption {

    @Option(names = "--pin", description = "server on CPU 0 with one event loop, the load on the other CPUs (taskset)")
    boolean pin;
}
