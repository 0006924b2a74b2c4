package org.iolab.bench.scenarios;

import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.knowm.xchart.CategoryChart;

/**
 * One scenario of {@code iolab compare}: a load shape that turns a claim of the source documents
 * into numbers. It says which targets it runs on, runs itself on one, sums a result up in a
 * progress line, and draws its chart; nothing else in the lab knows what it measures. The
 * scenarios are listed once, in {@link Scenarios}.
 *
 * <p>Thread rule: immutable; {@link #run} blocks its caller.
 */
public abstract class Scenario {

    /** What the report's JSON says of a scenario. */
    public record Info(String id, String title, String shows, int conns, int idle, int size) {
    }

    /**
     * The figure a scenario is about, which a ratio against the baseline compares.
     *
     * @param name as a column header ({@code cpu us/msg})
     * @param value the row's figure, {@code null} when the row lacks it
     * @param lowerIsBetter whether less of it is better (CPU, latency) or more (messages per second)
     */
    public record Figure(String name, java.util.function.Function<BenchResult, Double> value, boolean lowerIsBetter) {
    }

    private final int number;
    private final String slug;
    private final String title;
    private final String shows;
    private final BenchResult.Shape shape;

    protected Scenario(int number, String slug, String title, String shows, BenchResult.Shape shape) {
        this.number = number;
        this.slug = slug;
        this.title = title;
        this.shows = shows;
        this.shape = shape;
    }

    public final int number() {
        return number;
    }

    /** The id in files and results: {@code s2-100-active}. */
    public final String id() {
        return "s" + number + "-" + slug;
    }

    /** The heading: {@code 2. 100 active connections, 64 B}. */
    public final String title() {
        return number + ". " + title;
    }

    /** What it shows, in a line. */
    public final String shows() {
        return shows;
    }

    /** Connections and message size, as asked. */
    public final BenchResult.Shape shape() {
        return shape;
    }

    public final Info info() {
        return new Info(id(), title(), shows, shape.conns(), shape.idle(), shape.size());
    }

    /** Whether {@code selector} (a number or an id) names this scenario. */
    public final boolean matches(String selector) {
        return selector.equals(id()) || selector.equals(Integer.toString(number));
    }

    /** The targets it runs on, of the engines and peers asked for (a peer only where it serves the app). */
    public List<Target> targets(List<String> engines, List<String> peers) {
        return Stream.concat(engines.stream(), peers.stream()).filter(t -> Target.serves(t, app())).map(Target::of).toList();
    }

    /** The app its load speaks: {@code upper} (the lab's echo) unless it says otherwise. */
    public String app() {
        return "upper";
    }

    /**
     * The comparison it belongs to ({@code compare --app}): its app's, or {@code tls} for the
     * scenarios whose load speaks TLS (see {@link Scenarios#COMPARISONS}).
     */
    public String comparison() {
        return app();
    }

    /** The variant quick mode runs (smaller where the full one takes long). */
    public Scenario quick() {
        return this;
    }

    /** Runs on {@code target}. */
    public abstract BenchResult run(Target target, RunContext context) throws IOException, InterruptedException;

    /** A result in a few words, for the progress line. */
    public abstract String summary(BenchResult r);

    /** The figure it is about (and its chart draws). */
    public abstract Figure figure();

    /** This scenario's chart over its rows (those {@link #drawn} only). */
    public abstract CategoryChart chart(List<BenchResult> rows);

    /**
     * The rows its chart may draw: by default all. A load scenario leaves out a server that did
     * not serve every connection (a bar of CPU per message for 100 connections would be a lie
     * when it served one); the report names what it left out and why.
     */
    public List<BenchResult> drawn(List<BenchResult> rows) {
        return rows;
    }

    /** A row for a run that could not be made. */
    public final BenchResult notRun(Target target, String why) {
        return BenchResult.notRun(id(), target.name(), shape, why);
    }
}
