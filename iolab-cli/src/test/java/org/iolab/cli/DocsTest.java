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
 * that file, byte for byte (the examples are built and tested on their own by {@code ./iolab
 * examples}); every relative link of the README and of {@code docs/} leads to a file that exists.
 */
class DocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FILE_BLOCK = Pattern.compile("<!-- the file (\\S+), whole[^>]*-->\\n```\\w*\\n(.*?)\\n```",
            Pattern.DOTALL);
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
