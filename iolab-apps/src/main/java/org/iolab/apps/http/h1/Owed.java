package org.iolab.apps.http.h1;

import java.util.ArrayDeque;

/**
 * The answers one HTTP/1.1 connection owes, in request order: HTTP/1.1 answers leave in the
 * order the requests came, so only the head of the line writes to the connection; an answer
 * made while earlier ones are owed keeps its bytes ({@link Exchange}) until they have gone. The
 * head is a field of its own: a connection that answers each request before the next (the
 * common case) never touches the queue behind it.
 *
 * <p>Thread rule: the connection's callback thread only.
 */
final class Owed {

    private Exchange head;
    /** What is owed after the head, in order; made when first needed. */
    private ArrayDeque<Exchange> behind;

    void add(Exchange ex) {
        if (head == null) {
            head = ex;
        } else {
            if (behind == null) {
                behind = new ArrayDeque<>();
            }
            behind.add(ex);
        }
    }

    boolean atHead(Exchange ex) {
        return head == ex;
    }

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return head == null ? 0 : 1 + (behind == null ? 0 : behind.size());
    }

    /** Owes nothing more: the connection is cut. */
    void clear() {
        head = null;
        if (behind != null) {
            behind.clear();
        }
    }

    /** {@code ex}'s answer is whole: if it heads the line, it and the whole answers after it have gone. */
    void answered(Exchange ex) {
        if (head != ex) {
            return;
        }
        head = behind == null ? null : behind.pollFirst();
        while (head != null) {
            head.release(); // it heads the line now: what it made so far goes out
            if (!head.complete) {
                break;
            }
            head = behind.pollFirst();
        }
    }
}
