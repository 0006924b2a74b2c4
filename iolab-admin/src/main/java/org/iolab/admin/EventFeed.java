package org.iolab.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Events a live page shows: the last {@code keep} of them (what a page that opens late reads
 * first, from its history route) and the listeners each new one goes to (the pages' event
 * streams, {@link EventStream}).
 *
 * <p>Thread rule: safe from any thread; listeners are called on the publishing thread, in order.
 * A listener that throws is let go: a broken page never stops what it watches.
 *
 * @param <T> what an event is (a server's {@link Sample}, a lab's progress)
 */
public final class EventFeed<T> {

    private final int keep;
    private final ArrayDeque<T> history = new ArrayDeque<>();
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    /** @param keep how many of the latest events the history holds */
    public EventFeed(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be 1 or more, got " + keep);
        }
        this.keep = keep;
    }

    /** Adds {@code event} to the history and hands it to every listener. */
    public void publish(T event) {
        synchronized (history) {
            history.add(event);
            if (history.size() > keep) {
                history.removeFirst();
            }
        }
        for (Consumer<T> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                listeners.remove(l);
            }
        }
    }

    /** The latest event, or {@code null} before the first. */
    public T latest() {
        synchronized (history) {
            return history.peekLast();
        }
    }

    /** The kept events, oldest first. */
    public List<T> history() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    /** How many listen now (pages watching). */
    public int listeners() {
        return listeners.size();
    }

    public void listen(Consumer<T> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<T> listener) {
        listeners.remove(listener);
    }
}
