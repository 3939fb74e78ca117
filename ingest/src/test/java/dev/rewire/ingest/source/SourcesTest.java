package dev.rewire.ingest.source;

import static dev.rewire.ingest.source.SourceTesting.config;
import static dev.rewire.ingest.source.SourceTesting.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {

    @TempDir
    Path dir;

    @Test
    void picksTheSourceByKind() throws IOException {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Path jsonl = Files.writeString(dir.resolve("a.jsonl"), "");
        Path jsonlGz = Files.writeString(dir.resolve("a.JSONL.gz"), "");
        Path warc = Files.writeString(dir.resolve("a.warc"), "");
        Path warcGz = Files.writeString(dir.resolve("a.warc.gz"), "");

        assertThat(Sources.kindOf(pages)).isEqualTo(Sources.Kind.DIRECTORY);
        assertThat(Sources.kindOf(jsonl)).isEqualTo(Sources.Kind.JSONL);
        assertThat(Sources.kindOf(jsonlGz)).isEqualTo(Sources.Kind.JSONL);
        assertThat(Sources.kindOf(warc)).isEqualTo(Sources.Kind.WARC);
        assertThat(Sources.kindOf(warcGz)).isEqualTo(Sources.Kind.WARC);
        try (ArticleSource d = Sources.open(pages, config());
             ArticleSource j = Sources.open(jsonl, config());
             ArticleSource w = Sources.open(warcGz, config())) {
            assertThat(d).isInstanceOf(DirectorySource.class);
            assertThat(j).isInstanceOf(JsonlSource.class);
            assertThat(w).isInstanceOf(WarcSource.class);
        }
    }

    @Test
    void unknownOrMissingInputsAreClearErrors() throws IOException {
        Path csv = Files.writeString(dir.resolve("articles.csv"), "url,html");
        assertThatThrownBy(() -> Sources.open(csv, config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("articles.csv")
                .hasMessageContaining(".jsonl")
                .hasMessageContaining(".warc");
        assertThatThrownBy(() -> Sources.kindOf(dir.resolve("nope.jsonl")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void openAllStreamsInputsInOrder() throws IOException {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("one.txt"), "The first note of the Harbor Ledger.");
        Path jsonl = Files.writeString(dir.resolve("b.jsonl"),
                "{\"url\": \"https://valleycourier.example/two\", \"text\": \"second\"}\n"
                        + "{\"url\": \"https://valleycourier.example/three\", \"text\": \"third\"}\n");

        List<Ingested> items = drain(Sources.openAll(List.of(pages, jsonl), config()));

        assertThat(items).extracting(i -> SourceTesting.article(i).body())
                .containsExactly("The first note of the Harbor Ledger.", "second", "third");
        assertThatThrownBy(() -> Sources.openAll(List.of(pages, dir.resolve("x.pdf")), config()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.pdf");
    }
}
