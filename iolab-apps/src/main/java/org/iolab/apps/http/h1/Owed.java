package org.iolab.apps.http.h1;

import java.util.ArrayDeque;

/**
 * The answers one HTTP/1.1 connection owes, in request order: HTTP/1.1 answers leave in the
 * order the requests came, so only the head of the line writes to the connection; an answer
 * made while earlier ones are owed keeps its bytes ({@link Exchange}) until they have gone.
 *
 * <p>Thread rule: the connection's callback thread only.
 */
final class Owed {

    private final ArrayDeque<Exchange> line = new ArrayDeque<>();

    void add(Exchange ex) {
        line.add(ex);
    }

    boolean atHead(Exchange ex) {
        return line.peekFirst() == ex;
    }

    boolean isEmpty() {
        return line.isEmpty();
    }

    int size() {
        return line.size();
    }

    /** Owes nothing more: the connection is cut. */
    void clear() {
        line.clear();
    }

    /** {@code ex}'s answer is whole: if it heads the line, it and the whole answers after it have gone. */
    void answered(Exchange ex) {
        if (!atHead(ex)) {
            return;
        }
        line.pollFirst();
        Exchange next;
        while ((next = line.peekFirst()) != null) {
            next.release(); // it heads the line now: what it made so far goes out
            if (!next.complete) {
                break;
            }
            line.pollFirst();
        }
    }
}
