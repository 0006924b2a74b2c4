package org.iolab.cli;

import picocli.CommandLine;

/**
 * A {@code HOST:PORT} flag value ({@code --admin}, {@code --connect}): {@code [::1]:9090} as
 * well, and {@code PORT} alone where the flag allows it (host 127.0.0.1).
 *
 * <p>Thread rule: immutable.
 */
record HostPort(String host, int port) {

    /**
     * @param minPort the smallest port accepted (0 where any free port will do)
     * @param portAlone whether {@code PORT} without a host is accepted
     * @throws IllegalArgumentException naming the flag and the value
     */
    static HostPort parse(String flag, String text, int minPort, boolean portAlone) {
        String usage = portAlone ? " (HOST:PORT or PORT)" : " (HOST:PORT)";
        int colon = text.lastIndexOf(':');
        if (colon <= 0 && !portAlone) {
            throw new IllegalArgumentException(flag + " " + text + " is not HOST:PORT");
        }
        String host = colon <= 0 ? "127.0.0.1" : text.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return new HostPort(host, Counts.within(text.substring(colon + 1), minPort, 65535));
        } catch (CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException(flag + " " + text + ": " + e.getMessage() + usage);
        }
    }
}
