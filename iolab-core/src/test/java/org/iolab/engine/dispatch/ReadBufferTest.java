package org.iolab.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A parked reader holds a small buffer; one that reads a lot gets a big one, and gives it back. */
class ReadBufferTest {

    @Test
    void startsSmallGrowsOnFullReadsUpToTheMaximumAndShrinksAfterTwoSmallReads() {
        ReadBuffer b = new ReadBuffer(16 * 1024);
        assertThat(b.capacity()).isEqualTo(ReadBuffer.INITIAL);
        int reads = 0;
        while (b.capacity() < 16 * 1024) {
            b.adapt(b.capacity()); // a read that filled it
            reads++;
        }
        assertThat(reads).as("512 -> 16 KiB in five doublings").isEqualTo(5);
        b.adapt(b.capacity());
        assertThat(b.capacity()).as("never past the maximum").isEqualTo(16 * 1024);
        b.adapt(64);
        assertThat(b.capacity()).as("one small read is not a trend").isEqualTo(16 * 1024);
        b.adapt(64);
        assertThat(b.capacity()).isEqualTo(8 * 1024);
        for (int i = 0; i < 40; i++) {
            b.adapt(10);
        }
        assertThat(b.capacity()).as("never under the minimum").isEqualTo(ReadBuffer.MIN);
    }

    @Test
    void aSmallReadBetweenTwoOthersDoesNotShrinkAndTheViewCoversWhatWasRead() {
        ReadBuffer b = new ReadBuffer(16 * 1024);
        b.adapt(64);
        b.adapt(300); // not small for 512: resets the count
        b.adapt(64);
        assertThat(b.capacity()).isEqualTo(ReadBuffer.INITIAL);
        b.array()[0] = 'x';
        assertThat(b.filled(1).remaining()).isEqualTo(1);
        assertThat(b.filled(1).get(0)).isEqualTo((byte) 'x');
        assertThat(new ReadBuffer(100).capacity()).as("a maximum under the minimum is raised to it").isEqualTo(ReadBuffer.MIN);
    }
}
