package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation cannot rot: every code block that says it is a file of {@code examples/} is
 * that file, byte for byte, and every block that says it is a region of one (between {@code //
 * region NAME} and {@code // end NAME}) is that region, its common indentation taken off (the
 * examples are built and tested on their own by {@code ./iolab examples}); every relative link
 * of the README and of {@code docs/} leads to a file that exists.
 */
class DocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FILE_BLOCK = Pattern.compile("<!-- the file (\\S+), whole[^>]*-->\\n```\\w*\\n(.*?)\\n```",
            Pattern.DOTALL);
    private static final Pattern REGION_BLOCK = Pattern.compile(
            "<!-- the region (\\S+) of (\\S+)[^>]*-->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    private static List<Path> pages() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void theSnippetsThatNameAnExampleFileAreThatFile() throws Exception {
        int blocks = 0;
        for (Path page : pages()) {
            Matcher m = FILE_BLOCK.matcher(Files.readString(page));
            while (m.find()) {
                blocks++;
                Path file = ROOT.resolve(m.group(1));
                assertThat(file).as("%s names %s", page.getFileName(), m.group(1)).exists();
                assertThat(m.group(2)).as("%s's block of %s", page.getFileName(), m.group(1))
                        .isEqualTo(Files.readString(file).stripTrailing());
            }
        }
        assertThat(blocks).as("example files shown in the docs").isGreaterThanOrEqualTo(7);
    }

    @Test
    void theSnippetsThatNameARegionAreThatRegion() throws Exception {
        int blocks = 0;
        for (Path page : pages()) {
            Matcher m = REGION_BLOCK.matcher(Files.readString(page));
            while (m.find()) {
                blocks++;
                Path file = ROOT.resolve(m.group(2));
                assertThat(file).as("%s names %s", page.getFileName(), m.group(2)).exists();
                assertThat(m.group(3)).as("%s's block of %s in %s", page.getFileName(), m.group(1), m.group(2))
                        .isEqualTo(region(Files.readString(file), m.group(1)));
            }
        }
        assertThat(blocks).as("example regions shown in the docs").isGreaterThanOrEqualTo(7);
    }

    /** The lines between {@code // region NAME} and {@code // end NAME}, their common indentation taken off. */
    static String region(String file, String name) {
        List<String> lines = file.lines().toList();
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("// region " + name)) {
                from = i + 1;
            } else if (lines.get(i).strip().equals("// end " + name)) {
                to = i;
            }
        }
        assertThat(from).as("region %s", name).isPositive();
        assertThat(to).as("end of region %s", name).isGreaterThan(from);
        List<String> body = lines.subList(from, to);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    @Test
    void everyRelativeLinkLeadsToAFile() throws Exception {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                if (!Files.exists(page.getParent().resolve(target))) {
                    broken.add(page.getFileName() + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
