package org.iolab.bench.report;

import org.iolab.bench.Compare;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Json;
import org.iolab.bench.measure.Machine;
import org.iolab.bench.measure.Rounds;
import org.iolab.bench.scenarios.RunContext;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A comparison read back from the {@code results.json} it wrote, so its report can be drawn
 * again without rerunning ({@code iolab compare --from}), or several side by side: each file's
 * targets are then named {@code target@label} (the label is the file's folder), and its claims
 * are judged on its own rows.
 *
 * <p>Thread rule: stateless.
 */
public final class SavedResults {

    /** What a {@code results.json} holds that a report needs (its claims are judged again). */
    record Saved(Machine machine, Compare.Options options, List<BenchResult> results, List<List<BenchResult>> rounds) {

        /** Every round's rows; a file written before rounds existed has one round, its results. */
        List<List<BenchResult>> allRounds() {
            return rounds == null || rounds.isEmpty() ? List.of(results) : rounds;
        }
    }

    private static final ObjectReader READER = Json.MAPPER.readerFor(Saved.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SavedResults() {
    }

    /** One file's comparison, or several side by side. */
    public static Compare.Outcome read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no results.json given");
        }
        List<Saved> saved = new ArrayList<>();
        for (Path f : files) {
            try {
                saved.add(READER.readValue(f.toFile()));
            } catch (IOException e) {
                throw new IOException(f + " is not a results.json written by iolab compare: " + e.getMessage(), e);
            }
        }
        if (saved.size() == 1) {
            return outcome(saved.getFirst());
        }
        return sideBySide(saved, labels(files));
    }

    private static Compare.Outcome outcome(Saved s) {
        List<List<BenchResult>> rounds = s.allRounds();
        List<BenchResult> medians = Rounds.medians(rounds);
        return new Compare.Outcome(s.machine(), s.options(), scenarios(s.options(), medians), rounds, medians,
                Claims.judge(rounds, medians, new RunContext(s.options().quick(), s.options().pin()).hold,
                        s.options().app()));
    }

    /** The scenarios the rows came from, as they ran (quick mode's variants when quick). */
    private static List<Scenario> scenarios(Compare.Options o, List<BenchResult> rows) {
        Set<String> ids = rows.stream().map(BenchResult::scenario).collect(Collectors.toSet());
        return Scenarios.ALL.stream().map(s -> o.quick() ? s.quick() : s).filter(s -> ids.contains(s.id())).toList();
    }

    private static Compare.Outcome sideBySide(List<Saved> saved, List<String> labels) {
        List<List<BenchResult>> rounds = new ArrayList<>();
        List<Claims.Claim> claims = new ArrayList<>();
        Set<String> engines = new LinkedHashSet<>();
        StringBuilder machines = new StringBuilder();
        boolean quick = false;
        for (int i = 0; i < saved.size(); i++) {
            Saved s = saved.get(i);
            String label = labels.get(i);
            List<List<BenchResult>> own = s.allRounds();
            for (int r = 0; r < own.size(); r++) {
                if (rounds.size() <= r) {
                    rounds.add(new ArrayList<>());
                }
                int round = r;
                own.get(r).forEach(x -> rounds.get(round).add(renamed(x, label)));
            }
            Compare.Outcome alone = outcome(s);
            alone.claims().forEach(c -> claims.add(new Claims.Claim(c.number(), c.text(), "[" + label + "] " + c.evidence(),
                    c.verdict())));
            s.options().engines().forEach(e -> engines.add(e + "@" + label));
            s.options().peers().forEach(p -> engines.add(p + "@" + label));
            Machine m = s.machine();
            machines.append(i == 0 ? "" : "; ").append(label).append(": ").append(m.cpu()).append(", ").append(m.cores())
                    .append(" cores, kernel ").append(m.kernel()).append(", ").append(m.jdk())
                    .append(m.peers() == null ? "" : ", " + m.peers());
            quick |= s.options().quick();
        }
        Saved first = saved.getFirst();
        Machine m = new Machine(machines.toString(), first.machine().cores(), "(each named above)", "(each named above)",
                first.machine().os(), null, first.machine().tls()); // each machine's peers are named in its part of the line
        Compare.Options o = new Compare.Options(List.copyOf(engines), List.of(), quick, first.options().pin(),
                first.options().scenarios(), saved.stream().mapToInt(x -> x.options().rounds()).max().orElse(1),
                first.options().baseline() + "@" + labels.getFirst());
        List<BenchResult> medians = Rounds.medians(rounds);
        return new Compare.Outcome(m, o, scenarios(o, medians), rounds, medians, claims);
    }

    private static BenchResult renamed(BenchResult r, String label) {
        return new BenchResult(r.scenario(), r.target() + "@" + label, r.engineRan(), r.shape(), r.throughput(),
                r.latency(), r.server(), r.checks(), r.note(), r.kernel(), r.memory());
    }

    /** Each file's folder name, made unique ({@code a}, {@code a-2}). */
    static List<String> labels(List<Path> files) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Path f : files) {
            Path parent = f.toAbsolutePath().getParent();
            String base = parent == null || parent.getFileName() == null ? "results" : parent.getFileName().toString();
            String label = base;
            for (int n = 2; !used.add(label); n++) {
                label = base + "-" + n;
            }
            out.add(label);
        }
        return out;
    }
}
