package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iolab serve --tls} against TLS clients no one here wrote: curl, openssl s_client,
 * Python's {@code ssl} module and testssl.sh (Debian's; {@code .ci/run} installs what is
 * missing), each against the self-signed certificate the server makes and prints; openssl
 * s_client and testssl.sh on each TLS provider.
 */
class TlsRealClientsTest {

    private static String https(Served s, String path) {
        return "https://localhost:" + s.port() + path;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "iouring", "nio2", "virtual"})
    void curlGetsHttpsWithTheCertificateTheServerPrintedAndAlpnChoosesWhatItAsks(String engine) throws Exception {
        try (Served s = Served.start("--app", "http", "--tls", "--engine", engine)) {
            assertThat(s.out()).anyMatch(l -> l.startsWith("listening on") && l.endsWith(" tls"));
            String ca = s.certificate();
            Programs.Ran get = Programs.run(Duration.ofSeconds(30), "", "curl", "-sS", "-v", "--http1.1", "--cacert", ca,
                    https(s, "/plaintext"));
            assertThat(get.code()).as(get.out()).isZero();
            assertThat(get.out()).contains("Hello, World!").contains("ALPN: server accepted http/1.1")
                    .contains("SSL connection using TLSv1.3");
            Programs.Ran h2 = Programs.run(Duration.ofSeconds(30), "", "curl", "-sS", "-v", "--cacert", ca, https(s, "/plaintext"));
            assertThat(h2.out()).as("curl asks h2 first").contains("ALPN: server accepted h2").contains("< HTTP/2 200")
                    .contains("Hello, World!");
            Programs.Ran post = Programs.run(Duration.ofSeconds(30), "", "curl", "-sS", "--cacert", ca, "--data-binary", "hello tls",
                    https(s, "/echo"));
            assertThat(post.out()).isEqualTo("HELLO TLS");
            Programs.Ran untrusted = Programs.run(Duration.ofSeconds(30), "", "curl", "-sS", https(s, "/plaintext"));
            assertThat(untrusted.code()).as("curl refuses a certificate it was not given").isNotZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdk", "openssl"})
    void opensslSeesTls12And13OnlyAndNoRenegotiation(String provider) throws Exception {
        try (Served s = Served.start("--app", "http", "--tls", "--tls-provider", provider, "--engine", "epoll")) {
            String at = "127.0.0.1:" + s.port();
            String ca = s.certificate();
            Programs.Ran tls12 = Programs.run(Duration.ofSeconds(30), "GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    "openssl", "s_client", "-connect", at, "-tls1_2", "-CAfile", ca, "-servername", "localhost", "-ign_eof");
            assertThat(tls12.out()).contains("Protocol  : TLSv1.2").contains("Verify return code: 0 (ok)")
                    .contains("Hello, World!");
            for (String old : List.of("-tls1_1", "-tls1")) {
                Programs.Ran refused = Programs.run(Duration.ofSeconds(30), "", "openssl", "s_client", "-connect", at, old);
                assertThat(refused.code()).as(old).isNotZero();
                assertThat(refused.out()).as(old).containsAnyOf("alert protocol version", "no protocols available",
                        "unsupported protocol");
            }
            Programs.Ran h2 = Programs.run(Duration.ofSeconds(30), "", "openssl", "s_client", "-connect", at, "-alpn", "h2");
            assertThat(h2.out()).contains("ALPN protocol: h2");
            Programs.Ran other = Programs.run(Duration.ofSeconds(30), "", "openssl", "s_client", "-connect", at, "-alpn", "spdy/3.1");
            assertThat(other.out()).as("RFC 7301: no protocol in common").contains("no application protocol");
            // R asks s_client to renegotiate (TLS 1.2); the server refuses: the JDK with a fatal
            // handshake_failure alert, OpenSSL with the no_renegotiation alert (RFC 5746 4.5)
            Programs.Ran reneg = Programs.run(Duration.ofSeconds(30), "R\n", "openssl", "s_client", "-connect", at, "-tls1_2", "-CAfile", ca);
            assertThat(reneg.out()).contains("RENEGOTIATING").containsAnyOf("alert handshake failure", "no renegotiation");
            assertThat(s.err()).as("no stack trace per connection").noneMatch(l -> l.contains("\tat "));
        }
    }

    @Test
    void pythonsSslModuleSpeaksTls13WithAlpn() throws Exception {
        try (Served s = Served.start("--app", "http", "--tls", "--engine", "nio")) {
            String script = String.join("\n",
                    "import socket, ssl, sys",
                    "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                    "ctx.set_alpn_protocols(['http/1.1'])",
                    "with socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=20) as raw:",
                    "    with ctx.wrap_socket(raw, server_hostname='localhost') as s:",
                    "        s.sendall(b'GET /plaintext HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n')",
                    "        data = b''",
                    "        while True:",
                    "            chunk = s.recv(4096)",
                    "            if not chunk: break",
                    "            data += chunk",
                    "        print(s.version(), s.selected_alpn_protocol())",
                    "        print(data.decode())");
            Programs.Ran py = Programs.run(Duration.ofSeconds(30), "", "python3", "-c", script, s.certificate(), Integer.toString(s.port()));
            assertThat(py.code()).as(py.out()).isZero();
            assertThat(py.out()).contains("TLSv1.3 http/1.1").contains("Hello, World!");
        }
    }

    /**
     * testssl.sh's protocol, cipher-category and vulnerability checks, on each provider: nothing
     * old or weak offered (no SSLv3, TLS 1.0 or 1.1, RC4, 3DES, export or CBC suites), and no
     * Heartbleed, CCS injection, ROBOT or client-initiated renegotiation. The two providers' runs
     * go side by side (each spends most of its 45 s waiting on its probes).
     */
    @Test
    void testsslFindsNoOldProtocolsAndNoWeakSuites() throws Exception {
        List<String> providers = List.of("jdk", "openssl");
        List<java.util.concurrent.CompletableFuture<String>> runs = new ArrayList<>();
        for (String provider : providers) {
            runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (Served s = Served.start("--app", "http", "--tls", "--tls-provider", provider, "--engine", "epoll")) {
                    Programs.Ran t = Programs.run(Duration.ofMinutes(5), "", testssl(), "--quiet", "--color", "0",
                            "--warnings", "off", "-p", "-s", "-U", "127.0.0.1:" + s.port());
                    Files.writeString(Path.of("target", "testssl-" + provider + ".txt"), t.out());
                    return t.out();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        for (int i = 0; i < providers.size(); i++) {
            String out = runs.get(i).get(6, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(out).as(providers.get(i)).containsPattern("SSLv2 +not offered").containsPattern("SSLv3 +not offered")
                    .containsPattern("TLS 1 +not offered").containsPattern("TLS 1\\.1 +not offered")
                    .containsPattern("TLS 1\\.2 +offered").containsPattern("TLS 1\\.3 +offered")
                    .containsPattern("Export ciphers.*not offered").containsPattern("Triple DES Ciphers / IDEA +not offered")
                    .containsPattern("LOW: 64 Bit.*not offered").containsPattern("RC4 .*no RC4 ciphers detected")
                    .containsPattern("Obsolete CBC ciphers.*not offered").containsPattern("NULL ciphers.*not offered")
                    .containsPattern("Heartbleed \\(CVE-2014-0160\\) +not vulnerable").containsPattern("CCS \\(CVE-2014-0224\\) +not vulnerable")
                    .containsPattern("ROBOT +(not vulnerable|Server does not support any cipher suites that use RSA key transport)")
                    .containsPattern("Secure Client-Initiated Renegotiation +not vulnerable");
        }
    }

    private static String testssl() {
        return Files.isExecutable(Path.of("/usr/bin/testssl")) ? "/usr/bin/testssl" : "testssl.sh";
    }
}
