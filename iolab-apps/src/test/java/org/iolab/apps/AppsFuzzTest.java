package org.iolab.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.testing.MemoryTransport;

/**
 * Fuzzed input handling of every app, fed in pieces the fuzzer chooses: nothing throws, and each
 * app keeps its promise whatever arrives. Regression inputs under
 * {@code src/test/resources/org/iolab/apps/AppsFuzzTestInputs} run with every {@code ./iolab test}.
 */
class AppsFuzzTest {

    /** Feeds {@code input} to {@code p} in pieces whose sizes come from {@code data}. */
    private static void feed(Protocol p, byte[] input, FuzzedDataProvider data) {
        int from = 0;
        while (from < input.length) {
            int n = data.remainingBytes() > 0 ? data.consumeInt(1, Math.max(1, input.length - from)) : input.length - from;
            p.dataReceived(ByteBuffer.wrap(input, from, Math.min(n, input.length - from)));
            from += n;
        }
    }

    private static ConnectionInfo from(int port) {
        return new ConnectionInfo(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("127.0.0.1", 9000));
    }

    @FuzzTest(maxDuration = "5m")
    void upperEchoesEveryByteUpperCasedWhateverTheChunking(FuzzedDataProvider data) {
        byte[] input = data.consumeBytes(data.consumeInt(0, 4096));
        MemoryTransport t = new MemoryTransport();
        Protocol p = new UpperProtocol();
        p.connectionMade(t);
        feed(p, input, data);
        byte[] expected = input.clone();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 'a' && expected[i] <= 'z') {
                expected[i] -= 32;
            }
        }
        assertThat(t.written()).isEqualTo(expected);
    }

    @FuzzTest(maxDuration = "5m")
    void theMenuOnlyEverSaysItsOwnLinesAndHangsUpCleanly(FuzzedDataProvider data) {
        byte[] input = data.consumeBytes(data.consumeInt(0, 4096));
        MemoryTransport t = new MemoryTransport();
        Protocol p = new MenuProtocol();
        p.connectionMade(t);
        feed(p, input, data);
        List<String> known = List.of(MenuProtocol.GREETING, MenuProtocol.OPERATOR, MenuProtocol.AGAIN,
                MenuProtocol.GOODBYE, MenuProtocol.TOO_LONG);
        String out = t.writtenText();
        int at = 0;
        String last = null;
        while (at < out.length()) {
            int end = out.indexOf('\n', at) + 1;
            assertThat(end).as("a whole line").isPositive();
            last = out.substring(at, end);
            assertThat(known).contains(last);
            at = end;
        }
        if (MenuProtocol.GOODBYE.equals(last) || MenuProtocol.TOO_LONG.equals(last)) {
            assertThat(t.isClosed()).isTrue();
        }
        assertThat(out.indexOf(MenuProtocol.GOODBYE)).as("nothing after goodbye")
                .isIn(-1, out.length() - MenuProtocol.GOODBYE.length());
    }

    @FuzzTest(maxDuration = "5m")
    void theChatRoomPassesOnlyWholeLinesNamedForTheirSender(FuzzedDataProvider data) {
        byte[] input = data.consumeBytes(data.consumeInt(0, 20_000));
        ChatRoom room = new ChatRoom();
        MemoryTransport ta = new MemoryTransport();
        MemoryTransport tb = new MemoryTransport();
        Protocol a = room.newProtocol(from(1111));
        Protocol b = room.newProtocol(from(2222));
        a.connectionMade(ta);
        b.connectionMade(tb);
        feed(a, input, data);
        String heard = tb.writtenText();
        assertThat(heard.isEmpty() || heard.endsWith("\n")).as("whole lines only").isTrue();
        for (String line : heard.split("\n", -1)) {
            if (!line.isEmpty()) {
                assertThat(line).startsWith("127.0.0.1:1111 ");
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(
                        "127.0.0.1:1111 ".length() + ChatRoom.MAX_LINE * 3);
            }
        }
        assertThat(Arrays.equals(ta.written(), tb.written()) || ta.isClosed())
                .as("the sender hears what the others hear, unless it was closed").isTrue();
    }
}
