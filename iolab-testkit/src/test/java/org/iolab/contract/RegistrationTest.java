package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An engine is registered once, in two forms that must agree: {@code provides} in its module's
 * {@code module-info.java} (the module path, as {@code ./iolab} runs) and a line in
 * {@code META-INF/services/org.iolab.server.Engine} (the class path, as this suite runs).
 */
class RegistrationTest {

    static Stream<String> modules() {
        return Stream.of("iolab-core", "iolab-native");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleInfoAndTheServicesFileNameTheSameEngines(String module) throws IOException {
        Path root = Path.of("..", module, "src", "main");
        String info = Files.readString(root.resolve("java/module-info.java"));
        Matcher m = Pattern.compile("provides\\s+org\\.iolab\\.server\\.Engine\\s+with\\s+([^;]+);").matcher(info);
        assertThat(m.find()).as("module-info of " + module + " provides engines").isTrue();
        Set<String> provided = new TreeSet<>();
        for (String name : m.group(1).split(",")) {
            provided.add(name.strip());
        }
        Set<String> listed = new TreeSet<>(Files.readAllLines(
                root.resolve("resources/META-INF/services/org.iolab.server.Engine")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        assertThat(listed).isEqualTo(provided);
        Set<String> found = new TreeSet<>(Engines.all().stream().map(e -> e.getClass().getName()).toList());
        assertThat(found).as("every registered engine is found on the class path").containsAll(listed);
    }

    @Test
    void everyEngineHasAUniqueName() {
        assertThat(Engines.all().stream().map(Engine::name).distinct().count()).isEqualTo(Engines.all().size());
    }

    /**
     * The engine matrix cannot shrink unnoticed: if native linking failed in this JVM, select,
     * poll and epoll would drop out of every contract test silently. On Linux (amd64, aarch64)
     * all of them must be here; io_uring too, unless the kernel or a sandbox forbids it.
     */
    @Test
    void everyEngineThisPlatformRunsIsAvailable() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue(os.equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64")),
                "the full matrix is promised on Linux amd64 and aarch64");
        Set<String> available = new TreeSet<>(Engines.available().stream().map(Engine::name).toList());
        assertThat(available).containsAll(List.of(
                "blocking", "threads", "pool", "polling", "select", "poll", "epoll", "nio", "nio2", "virtual"));
        Engine uring = Engines.find("iouring").orElseThrow();
        if (!uring.availability().available()) {
            assertThat(uring.availability().reason()).as("io_uring may only be missing where it is forbidden")
                    .containsAnyOf("forbidden", "turned off", "kernel", "memlock");
        }
    }
}
