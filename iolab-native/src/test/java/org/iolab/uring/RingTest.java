package org.iolab.uring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iolab.sys.IoUringSqe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * A ring whose descriptor is registered ({@code IORING_REGISTER_RING_FDS}) submits and reaps as
 * one that is not, and gives its slot back when closed: a thread has only 16 such slots, so a
 * ring that kept its slot would leave none after 16 rings.
 */
class RingTest {

    @BeforeAll
    static void needsIoUring() {
        Assumptions.assumeTrue(UringSupport.report().available(), () -> "io_uring: " + UringSupport.report().unavailable());
    }

    /** Submits {@code n} no-ops in one call and reaps them all; the user data seen. */
    private static List<Long> nops(Ring ring, int n) throws Exception {
        for (long i = 1; i <= n; i++) {
            IoUringSqe.fill(ring.entries(), ring.nextEntry(), IoUringSqe.OP_NOP, (byte) 0, (short) 0, -1, 0, 0, 0, 0,
                    i, (short) 0);
        }
        List<Long> seen = new ArrayList<>();
        for (int tries = 0; tries < 100 && seen.size() < n; tries++) {
            ring.submitAndWait(seen.isEmpty() ? 1000 : 10);
            ring.reap((userData, res, flags) -> seen.add(userData));
        }
        return seen;
    }

    @Test
    void aRegisteredRingSubmitsAndReapsAsAPlainOneDoes() throws Exception {
        try (Ring plain = Ring.open(8); Ring registered = Ring.open(8, true)) {
            assertThat(plain.fdRegistered()).isFalse();
            assumeRegistrationHere(registered);
            assertThat(nops(plain, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(nops(registered, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aClosedRingGivesItsRegisteredSlotBack() throws Exception {
        try (Ring first = Ring.open(8, true)) {
            assumeRegistrationHere(first);
        }
        for (int i = 0; i < 40; i++) { // more than the 16 slots a thread has
            try (Ring ring = Ring.open(8, true)) {
                assertThat(ring.fdRegistered()).as("ring " + i + " registered").isTrue();
                assertThat(nops(ring, 1)).containsExactly(1L);
            }
        }
    }

    private static void assumeRegistrationHere(Ring ring) {
        Assumptions.assumeTrue(ring.fdRegistered(), "this kernel refuses IORING_REGISTER_RING_FDS (before 5.18)");
    }
}
