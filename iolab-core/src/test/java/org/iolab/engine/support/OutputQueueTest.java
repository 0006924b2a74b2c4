package org.iolab.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class OutputQueueTest {

    @Test
    void writabilityHasHysteresisBetweenTheMarks() {
        OutputQueue q = new OutputQueue(100, 50);
        q.append(ByteBuffer.allocate(80));
        assertThat(q.isWritable()).as("rising, between the marks").isTrue();
        q.append(ByteBuffer.allocate(30));
        assertThat(q.isWritable()).as("above high").isFalse();
        drain(q, 40); // 70 left: between the marks, coming down
        assertThat(q.bytes()).isEqualTo(70);
        assertThat(q.isWritable()).as("falling, between the marks").isFalse();
        drain(q, 19); // 51 left
        assertThat(q.isWritable()).as("just above low").isFalse();
        drain(q, 1); // 50 left
        assertThat(q.isWritable()).as("at low").isTrue();
        q.append(ByteBuffer.allocate(50)); // 100: at high, not above it
        assertThat(q.isWritable()).as("rising again, at high").isTrue();
        q.append(ByteBuffer.allocate(1));
        assertThat(q.isWritable()).as("above high again").isFalse();
    }

    @Test
    void clearingMakesItWritable() {
        OutputQueue q = new OutputQueue(100, 50);
        q.append(ByteBuffer.allocate(200));
        assertThat(q.isWritable()).isFalse();
        q.clear();
        assertThat(q.isWritable()).isTrue();
        assertThat(q.isEmpty()).isTrue();
    }

    /** Sends {@code n} bytes from the head chunks, as a drainer would. */
    private static void drain(OutputQueue q, int n) {
        while (n > 0) {
            ByteBuffer h = q.head();
            int k = Math.min(n, h.remaining());
            h.position(h.position() + k);
            q.consumed(k);
            n -= k;
        }
    }

    @Test
    void chunksComeOutInOrderAndPartialHeadsStay() {
        OutputQueue q = new OutputQueue(100, 50);
        q.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        q.append(ByteBuffer.wrap(new byte[] {4}));
        ByteBuffer h = q.head();
        h.get();
        q.consumed(1);
        assertThat(q.head()).isSameAs(h);
        h.position(h.limit());
        q.consumed(2);
        assertThat(q.head().get(0)).isEqualTo((byte) 4);
    }
}
