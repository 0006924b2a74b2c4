package org.iolab.engine.support;

import org.iolab.server.Engine;

/**
 * What every engine says of itself, said once: its name, its IO model in a line, and its place
 * in listings. An engine passes them to this constructor; its family adds the rest.
 *
 * <p>Thread rule: immutable.
 */
public abstract class NamedEngine implements Engine {

    private final String name;
    private final String model;
    private final int rank;

    /**
     * @param name the engine's name ({@code --engine})
     * @param model its IO model in a line
     * @param rank its place in listings, lowest first
     */
    protected NamedEngine(String name, String model, int rank) {
        this.name = name;
        this.model = model;
        this.rank = rank;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The IO model in a line (an engine may add what it found at run time). */
    @Override
    public String model() {
        return model;
    }

    @Override
    public final int rank() {
        return rank;
    }
}
