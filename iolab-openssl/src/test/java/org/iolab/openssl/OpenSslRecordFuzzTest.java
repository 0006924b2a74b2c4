package org.iolab.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iolab.openssl.Sessions.exchange;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;
import org.iolab.openssl.Sessions.Side;
import org.iolab.tls.TlsSession;

/**
 * The OpenSSL session's record path fuzzed: any bytes from a peer, before the handshake (as its
 * ClientHello) or after a real one (as its records), cut into reads of the fuzzer's choosing,
 * through heap or native buffers. Whatever comes, the session either takes it or refuses it with
 * an {@link SSLException} (never another exception, never a crash of the JVM); once refused it
 * sends something when closed (its alert), and once both directions have ended its {@code SSL}
 * is freed (no leak). Regression inputs (a real ClientHello among them) under
 * {@code src/test/resources/org/iolab/openssl/OpenSslRecordFuzzTestInputs} run with every
 * {@code ./iolab test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class OpenSslRecordFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyBytesAsTheClientsFirstFlightEndInAnAlertOrAHandshakeAndTheSslIsFreed(FuzzedDataProvider data) throws Exception {
        Side side = new Side();
        OpenSslSession s = (OpenSslSession) Sessions.SERVER.newSession(side);
        s.start();
        boolean direct = data.consumeBoolean();
        int piece = data.consumeInt(1, 1 << 15);
        endsCleanly(s, side, feed(s, data.consumeRemainingAsBytes(), piece, direct));
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesAsRecordsAfterAHandshakeAreRefusedWithAnAlertAndTheSslIsFreed(FuzzedDataProvider data) throws Exception {
        Side cs = new Side();
        Side ss = new Side();
        TlsSession c = Sessions.client(cs, "http/1.1");
        OpenSslSession s = (OpenSslSession) Sessions.SERVER.newSession(ss);
        s.start();
        c.start();
        exchange(c, cs, s, ss, false);
        assertThat(s.handshaken()).isTrue();
        ss.records.reset(); // the session tickets
        boolean direct = data.consumeBoolean();
        int piece = data.consumeInt(1, 1 << 15);
        endsCleanly(s, ss, feed(s, data.consumeRemainingAsBytes(), piece, direct));
    }

    /** Feeds {@code bytes} in pieces; whether the session refused them. */
    private static boolean feed(TlsSession s, byte[] bytes, int piece, boolean direct) {
        for (int from = 0; from < bytes.length; from += piece) {
            int n = Math.min(piece, bytes.length - from);
            ByteBuffer b = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
            b.put(bytes, from, n).flip();
            try {
                s.received(b);
            } catch (SSLException refused) {
                return true;
            }
            assertThat(b.hasRemaining()).as("received consumes what it is given").isFalse();
        }
        return false;
    }

    /** Closes both directions as an engine would after the bytes: the alert (or close_notify) goes, the SSL is freed. */
    private static void endsCleanly(OpenSslSession s, Side side, boolean refused) {
        side.records.reset();
        boolean sent = s.closeOutbound();
        if (refused) {
            assertThat(sent).as("a refusal ends this side once").isTrue();
            assertThat(side.records.size()).as("an alert is sent").isPositive();
        }
        s.endOfInput();
        assertThat(s.freed()).as("the SSL is freed once both directions have ended").isTrue();
        assertThat(s.closeOutbound()).as("nothing is sent twice").isFalse();
    }
}
