package org.iolab.bench.measure;

import java.io.IOException;
import org.iolab.engine.support.ProcFiles;
import org.iolab.tls.TlsProvider;

/**
 * The machine a comparison ran on, for the report, the peers' version ({@code Netty
 * 4.2.18.Final}: the one on the lab's class path, which its peer servers run) and what served
 * iolab's TLS scenarios ({@code JDK 25+36 SSLEngine; +openssl rows: OpenSSL 3.0.19 27 Jan 2026}:
 * each provider's own words, with its version); either {@code null} in a file saved before it
 * was recorded.
 */
public record Machine(String cpu, int cores, String kernel, String jdk, String os, String peers, String tls) {

    /**
     * {@code Netty 4.2.18.Final}, as Netty's build says: netty-common's entry, or netty-all's
     * (in the CLI's one jar the artifacts' version files are merged into netty-all's).
     */
    static String nettyVersion() {
        java.util.Map<String, io.netty.util.Version> versions = io.netty.util.Version.identify();
        io.netty.util.Version v = versions.getOrDefault("netty-common", versions.get("netty-all"));
        return v == null ? "Netty (version unknown)" : "Netty " + v.artifactVersion();
    }

    public static Machine here() {
        String cpu = "unknown";
        try {
            for (String line : ProcFiles.read("/proc/cpuinfo").split("\n")) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux: unknown
        }
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), nettyVersion(),
                tlsProviders());
    }

    /** The providers iolab's TLS rows ran on: the JDK's, and OpenSSL's for the {@code +openssl} rows where it loads. */
    static String tlsProviders() {
        TlsProvider openssl = org.iolab.bench.peers.Target.openSsl();
        return TlsProvider.jdk().description() + (openssl == null ? "" : "; +openssl rows: " + openssl.description());
    }
}
