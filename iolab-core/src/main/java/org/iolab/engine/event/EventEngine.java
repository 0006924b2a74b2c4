package org.iolab.engine.event;

import java.util.EnumSet;
import java.util.Set;
import org.iolab.engine.support.NamedEngine;
import org.iolab.server.Application;
import org.iolab.server.Engine;

/**
 * What every event-loop engine declares alike: it serves TCP Protocols and UDP, and refuses a
 * StreamHandler because a handler that blocks would stall every connection of its loop.
 */
public abstract class EventEngine extends NamedEngine {

    /** @param name the engine's name; @param model its IO model in a line; @param rank its place in listings */
    protected EventEngine(String name, String model, int rank) {
        super(name, model, rank);
    }


    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Set<Application.Kind> supports() {
        return EnumSet.of(Application.Kind.TCP_PROTOCOL, Application.Kind.UDP);
    }

    /** One or more loops, {@code --threads} of them. */
    @Override
    public boolean eventLoops() {
        return true;
    }

    @Override
    public String whyNot(Application.Kind kind) {
        return kind == Application.Kind.TCP_STREAM ? "an event loop must never block in a handler" : null;
    }
}
