package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.RawArticle;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every page in {@code src/test/resources/golden} comes out as its {@code .expected.txt} (see the README there). */
class GoldenFixturesTest {

    static Stream<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenFixturesTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> pages = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".html") || n.endsWith(".txt") && !n.endsWith(".expected.txt") && !n.endsWith(".title.txt");
            }).sorted().toList();
            return pages.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void pageComesOutAsExpected(Path page) throws IOException {
        String name = page.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf('.'));
        boolean html = name.endsWith(".html");
        RawArticle raw = new RawArticle(1, "golden", "https://fixtures.example/" + base, null, null, Instant.EPOCH,
                html ? RawArticle.HTML : "text/plain", Files.readString(page, StandardCharsets.UTF_8), "file", null, null,
                false);
        Extraction e = Extractors.defaults().extract(raw);
        String expected = Files.readString(page.resolveSibling(base + ".expected.txt"), StandardCharsets.UTF_8).strip();
        assertThat(e.text()).isEqualTo(expected);
        Path title = page.resolveSibling(base + ".title.txt");
        if (Files.exists(title)) {
            assertThat(e.title()).isEqualTo(Files.readString(title, StandardCharsets.UTF_8).strip());
        }
    }
}
