package org.iolab.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run's notes come from what the server printed during that run only. */
class OutputTailTest {

    @Test
    void aRunSeesOnlyWhatWasPrintedSinceItsMark() {
        OutputTail tail = new OutputTail(5);
        tail.add("select cannot watch descriptor 1030"); // an earlier run (quick mode shares the server)
        long mark = tail.mark();
        assertThat(tail.since(mark)).isEmpty();
        tail.add("warning: something of this run");
        assertThat(tail.since(mark)).containsExactly("warning: something of this run");
        assertThat(tail.since(0)).hasSize(2);
    }

    @Test
    void onlyTheLastLinesAreKeptAndMarksStayRight() {
        OutputTail tail = new OutputTail(3);
        for (int i = 0; i < 10; i++) {
            tail.add("line " + i);
        }
        long mark = tail.mark();
        tail.add("line 10");
        tail.add("line 11");
        assertThat(tail.since(mark)).containsExactly("line 10", "line 11");
        assertThat(tail.since(0)).containsExactly("line 9", "line 10", "line 11");
    }
}
