package org.iolab.apps;

/**
 * A room in one process: a line published is delivered at once, on the publisher's thread, so
 * the room's own lock orders it. Never down.
 *
 * <p>Thread rule: any thread.
 */
public final class InProcessBus implements Bus {

    private volatile Room room;

    @Override
    public void join(Room r) {
        room = r;
    }

    @Override
    public void publish(byte[] line, Runnable failed) {
        Room r = room;
        if (r == null) {
            failed.run();
            return;
        }
        r.deliver(line);
    }

    @Override
    public void close() {
        room = null;
    }
}
