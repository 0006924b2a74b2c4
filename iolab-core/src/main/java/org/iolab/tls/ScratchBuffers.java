package org.iolab.tls;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * Working buffers borrowed for the length of one call, so that a connection owns none: every
 * platform thread (an event loop's) keeps one of each kind for all its connections (no
 * allocation per record), and virtual threads, of which there may be one per connection, share
 * a small pool instead. A kind taken twice on one thread (a callback nested in a write, a chat
 * line decrypted on one connection and encrypted for another) gets a fresh buffer the second
 * time. What a buffer is, how it is made and how it is made ready are the user's: the JDK
 * provider's are heap {@code ByteBuffer}s ({@code Scratch}), the OpenSSL provider's native
 * memory with a view ({@code NativeScratch}).
 *
 * <p>Thread rule: {@link #take} and {@link #give} on the same thread, any thread.
 *
 * @param <B> the buffer
 */
public final class ScratchBuffers<B> {

    private static final int POOLED = 32;

    private final int[] sizes;
    private final IntFunction<B> make;
    private final UnaryOperator<B> ready;
    private final ThreadLocal<Held<B>> perThread;
    private final AtomicReferenceArray<B>[] pools;

    /** One platform thread's buffers, by kind, and which are taken. */
    private static final class Held<B> {
        final Object[] buffers;
        final boolean[] taken;

        Held(int kinds) {
            buffers = new Object[kinds];
            taken = new boolean[kinds];
        }
    }

    /**
     * @param sizes each kind's size, by its index
     * @param make a buffer of a size
     * @param ready a buffer made ready to be taken again (cleared), returned
     */
    @SuppressWarnings("unchecked")
    public ScratchBuffers(int[] sizes, IntFunction<B> make, UnaryOperator<B> ready) {
        this.sizes = sizes.clone();
        this.make = make;
        this.ready = ready;
        this.perThread = ThreadLocal.withInitial(() -> new Held<>(this.sizes.length));
        this.pools = new AtomicReferenceArray[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            pools[i] = new AtomicReferenceArray<>(POOLED);
        }
    }

    /** A ready buffer of kind {@code kind}'s size. */
    @SuppressWarnings("unchecked")
    public B take(int kind) {
        if (Thread.currentThread().isVirtual()) {
            AtomicReferenceArray<B> pool = pools[kind];
            for (int j = 0; j < POOLED; j++) {
                B b = pool.get(j);
                if (b != null && pool.compareAndSet(j, b, null)) {
                    return ready.apply(b);
                }
            }
            return make.apply(sizes[kind]);
        }
        Held<B> h = perThread.get();
        if (h.taken[kind]) {
            return make.apply(sizes[kind]); // nested: rare
        }
        if (h.buffers[kind] == null) {
            h.buffers[kind] = make.apply(sizes[kind]);
        }
        h.taken[kind] = true;
        return ready.apply((B) h.buffers[kind]);
    }

    /** Gives back what {@link #take} gave. */
    public void give(B b, int kind) {
        if (Thread.currentThread().isVirtual()) {
            AtomicReferenceArray<B> pool = pools[kind];
            for (int j = 0; j < POOLED; j++) {
                if (pool.get(j) == null && pool.compareAndSet(j, null, b)) {
                    return;
                }
            }
            return;
        }
        Held<B> h = perThread.get();
        if (b == h.buffers[kind]) {
            h.taken[kind] = false;
        }
    }
}
