package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.iolab.cli.InProcess.assertUsage;
import static org.iolab.cli.InProcess.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.cli.InProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --tls} and {@code client --tls} flags: what goes together, and every file that cannot serve said plainly. */
class TlsCliTest {

    @TempDir
    Path dir;

    private Path[] pem(ServerIdentity id, String name) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        id.writePem(cert, key);
        return new Path[] {cert, key};
    }

    @Test
    void flagsThatDoNotGoTogetherAreUsageErrors() throws Exception {
        Path[] files = pem(SelfSigned.localhost(Duration.ofDays(1)), "a");
        assertUsage(run("serve", "--cert", files[0].toString(), "--port", "0"), "iolab: --cert needs --tls", "serve");
        assertUsage(run("serve", "--tls", "--key", files[1].toString(), "--port", "0"),
                "iolab: --key needs --cert (the certificate it belongs to)", "serve");
        assertUsage(run("serve", "--tls", "--udp", "--port", "0"),
                "iolab: --tls is for TCP: UDP is served in clear (DTLS is not implemented)", "serve");
        assertUsage(run("serve", "--tls", "--cert", files[0].toString(), "--port", "0"),
                "iolab: --cert " + files[0] + " is PEM: give its key with --key FILE (a PKCS#12 file goes alone)", "serve");
        assertUsage(run("client", "--insecure"), "iolab: --insecure needs --tls", "client");
        assertUsage(run("client", "--tls", "--insecure", "--ca", files[0].toString()),
                "iolab: give --ca FILE or --insecure, not both", "client");
    }

    @Test
    void aMissingFileAndAKeyOfAnotherCertificateAreNamed() throws Exception {
        Path[] a = pem(SelfSigned.localhost(Duration.ofDays(1)), "a");
        Path[] b = pem(SelfSigned.localhost(Duration.ofDays(1)), "b");
        Path missing = dir.resolve("nope.pem");
        assertUsage(run("serve", "--tls", "--cert", missing.toString(), "--key", a[1].toString(), "--port", "0"),
                "iolab: --tls: " + missing + ": no such file", "serve");
        Result wrong = run("serve", "--tls", "--cert", a[0].toString(), "--key", b[1].toString(), "--port", "0");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("the key in " + b[1] + " is not the key of the certificate in " + a[0]);
        Path notPem = dir.resolve("junk.pem");
        Files.writeString(notPem, "hello\n");
        assertThat(run("serve", "--tls", "--cert", notPem.toString(), "--key", a[1].toString(), "--port", "0").err())
                .contains(notPem + " holds no PEM certificate");
    }

    @Test
    void aPkcs12FileTakesItsPasswordFromTheEnvironmentAndSaysWhenItIsMissing() throws Exception {
        ServerIdentity id = SelfSigned.localhost(Duration.ofDays(1));
        Path p12 = dir.resolve("server.p12");
        try (var out = Files.newOutputStream(p12)) {
            id.keyStore("s3cret".toCharArray()).store(out, "s3cret".toCharArray());
        }
        Result noPassword = run("serve", "--tls", "--cert", p12.toString(), "--password-env", "IOLAB_TEST_UNSET_VAR",
                "--port", "0");
        assertThat(noPassword.code()).isEqualTo(2);
        assertThat(noPassword.err()).contains("cannot be read as PKCS#12").contains("$IOLAB_TEST_UNSET_VAR is not set");
        // with the password in the environment it serves: a process of its own, since this JVM's environment is fixed
        try (Served s = Served.startWithEnv(java.util.Map.of("IOLAB_TEST_P12", "s3cret"), "--tls", "--cert", p12.toString(),
                "--password-env", "IOLAB_TEST_P12")) {
            assertThat(s.out()).anyMatch(l -> l.startsWith("listening on") && l.endsWith(" tls"));
        }
    }

    @Test
    void anExpiredCertificateIsServedWithAWarning() throws Exception {
        Path[] old = pem(SelfSigned.make(List.of("localhost"), List.of("127.0.0.1"), Duration.ofMinutes(-30)), "old");
        try (Served s = Served.start("--tls", "--cert", old[0].toString(), "--key", old[1].toString())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> s.err().stream().anyMatch(l -> l.contains("expired")));
            assertThat(s.err()).anyMatch(l -> l.startsWith("iolab: warning: " + old[0] + ": the certificate expired on"));
        }
    }

    @Test
    void theClientVerifiesOrSaysItDidNotAndShowsTheFingerprint() throws Exception {
        ServerIdentity id = SelfSigned.localhost(Duration.ofDays(1));
        Path[] files = pem(id, "srv");
        try (Served s = Served.start("--app", "menu", "--tls", "--cert", files[0].toString(), "--key", files[1].toString())) {
            String port = Integer.toString(s.port());
            Result verified = InProcess.withInput("exit\n", "client", "--tls", "--ca", files[0].toString(), "--host", "localhost",
                    "--port", port);
            assertThat(verified.out() + verified.err()).contains("TLSv1.3").contains("certificate verified")
                    .contains(id.sha256Fingerprint()).contains("bye");
            Result insecure = InProcess.withInput("exit\n", "client", "--tls", "--insecure", "--port", port);
            assertThat(insecure.out() + insecure.err()).contains("NOT verified (--insecure)").contains(id.sha256Fingerprint());
            Result refused = InProcess.withInput("exit\n", "client", "--tls", "--port", port);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out() + refused.err()).contains("TLS handshake failed").contains("--ca ITS-CERT.pem, or --insecure");
        }
    }
}
