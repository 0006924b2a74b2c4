package org.iolab.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class OutputQueueTest {

    @Test
    void writabilityHasHysteresisBetweenTheMarks() {
        OutputQueue q = new OutputQueue(100, 50);
        q.append(ByteBuffer.allocate(80));
        assertThat(q.isWritable()).isTrue();
        q.append(ByteBuffer.allocate(30));
        assertThat(q.isWritable()).as("above high").isFalse();
        ByteBuffer h = q.head();
        h.position(h.limit());
        q.consumed(80);
        assertThat(q.bytes()).isEqualTo(30);
        assertThat(q.isWritable()).as("at or below low").isTrue();
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
