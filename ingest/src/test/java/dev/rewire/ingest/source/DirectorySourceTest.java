package dev.rewire.ingest.source;

import static dev.rewire.ingest.source.SourceTesting.article;
import static dev.rewire.ingest.source.SourceTesting.config;
import static dev.rewire.ingest.source.SourceTesting.drain;
import static dev.rewire.ingest.source.SourceTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {

    @TempDir
    Path dir;

    @Test
    void readsHtmlTextAndSideFilesInNameOrder() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] page = "<html><body><h1>Harbor Ledger</h1><p>Ferry fares rise by 5%.</p></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + page.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(page, 0, withBom, 3, page.length);
        Path harbor = Files.write(dir.resolve("a-harbor.html"), withBom);
        Instant mtime = Instant.parse("2024-03-01T08:00:00Z");
        Files.setLastModifiedTime(harbor, FileTime.from(mtime));

        Files.writeString(dir.resolve("b-valley.txt"), "Valley Courier\n\nThe orchard fair opens on Saturday.");
        Files.writeString(dir.resolve("c-story.html"), "<p>The Lantern Post: council approves the new bridge.</p>");
        Files.writeString(dir.resolve("c-story.json"), """
                {"url": "https://lanternpost.example/news/bridge", "outlet": "Lantern Post",
                 "publishedAt": "2024-03-02T09:30:00+01:00", "title": "Council approves bridge"}""");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/d.htm"), "<p>nested</p>");
        Files.writeString(dir.resolve("notes.md"), "not an input");
        Files.writeString(dir.resolve(".hidden.html"), "<p>hidden</p>");

        List<Ingested> items = drain(new DirectorySource(dir, config()));

        assertThat(items).hasSize(4);
        RawArticle a = article(items.get(0));
        assertThat(a.url()).isEqualTo(harbor.toUri().toString()).startsWith("file:");
        assertThat(a.finalUrl()).isEqualTo(a.url());
        assertThat(a.outlet()).isEqualTo("a-harbor");
        assertThat(a.contentType()).isEqualTo(RawArticle.HTML);
        assertThat(a.body()).startsWith("<html>").contains("Ferry fares rise by 5%.");
        assertThat(a.fetchedAt()).isEqualTo(mtime);
        assertThat(a.publishedAt()).isNull();
        assertThat(a.discoveredVia()).isEqualTo(DiscoveredVia.FILE);
        assertThat(a.schemaVersion()).isEqualTo(RawArticle.SCHEMA_VERSION);
        assertThat(UUID.fromString(a.ingestId())).isNotNull();
        assertThat(a.truncated()).isFalse();

        RawArticle b = article(items.get(1));
        assertThat(b.outlet()).isEqualTo("b-valley");
        assertThat(b.contentType()).isEqualTo(RawArticle.TEXT);
        assertThat(b.body()).contains("orchard fair");

        RawArticle c = article(items.get(2));
        assertThat(c.url()).isEqualTo("https://lanternpost.example/news/bridge");
        assertThat(c.outlet()).isEqualTo("Lantern Post");
        assertThat(c.title()).isEqualTo("Council approves bridge");
        assertThat(c.publishedAt()).isEqualTo(Instant.parse("2024-03-02T08:30:00Z"));

        RawArticle d = article(items.get(3));
        assertThat(d.outlet()).isEqualTo("d");
        assertThat(d.url()).endsWith("/sub/d.htm");

        assertThat(items).extracting(Ingested::ingestId).doesNotHaveDuplicates();
    }

    @Test
    void malformedBytesAreReplacedAndLargeFilesCut() throws IOException {
        Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', (byte) 0xff, '!'});
        Files.writeString(dir.resolve("big.html"), "<p>" + "x".repeat(5000) + "</p>");

        List<Ingested> items = drain(new DirectorySource(dir, SourceTesting.config("1kb")));

        assertThat(article(items.get(0)).body()).isEqualTo("ok\uFFFD!");
        RawArticle big = article(items.get(1));
        assertThat(big.body()).hasSize(1024);
        assertThat(big.truncated()).isTrue();
    }

    @Test
    void aMalformedSideFileIsAFailureAndReadingGoesOn() throws IOException {
        Files.writeString(dir.resolve("a.html"), "<p>one</p>");
        Files.writeString(dir.resolve("a.json"), "{not json");
        Files.writeString(dir.resolve("b.html"), "<p>two</p>");
        Files.writeString(dir.resolve("b.json"), "{\"publishedAt\": \"last tuesday\"}");
        Files.writeString(dir.resolve("c.html"), "<p>three</p>");

        List<Ingested> items = drain(new DirectorySource(dir, config()));

        assertThat(items).hasSize(3);
        Ingested.Failure a = failure(items.get(0));
        assertThat(a.reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(a.message()).contains("a.json").contains("not valid JSON");
        assertThat(a.key()).endsWith("/a.html");
        assertThat(a.rejected().stage()).isEqualTo("ingest");
        assertThat(a.discoveredVia()).isEqualTo(DiscoveredVia.FILE);
        Ingested.Failure b = failure(items.get(1));
        assertThat(b.message()).contains("last tuesday");
        assertThat(article(items.get(2)).body()).isEqualTo("<p>three</p>");
    }

    @Test
    void aYamlSideFileWorksLikeAJsonOneAndJsonWinsWhenBothExist() throws IOException {
        Files.writeString(dir.resolve("a.html"), "<p>one</p>");
        Files.writeString(dir.resolve("a.yaml"), """
                # saved from the harbour desk
                url: https://harbour.example/a
                outlet: Harbour Daily
                publishedAt: 2031-06-05T08:00:00Z
                title: "Quay: the tide report"
                """);
        Files.writeString(dir.resolve("b.html"), "<p>two</p>");
        Files.writeString(dir.resolve("b.yml"), "outlet: Valley Wire\n");
        Files.writeString(dir.resolve("c.html"), "<p>three</p>");
        Files.writeString(dir.resolve("c.json"), "{\"outlet\": \"from json\"}");
        Files.writeString(dir.resolve("c.yaml"), "outlet: from yaml\n");

        List<Ingested> items = drain(new DirectorySource(dir, config()));

        assertThat(items).hasSize(3);
        RawArticle a = article(items.get(0));
        assertThat(a.url()).isEqualTo("https://harbour.example/a");
        assertThat(a.outlet()).isEqualTo("Harbour Daily");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2031-06-05T08:00:00Z"));
        assertThat(a.title()).isEqualTo("Quay: the tide report");
        assertThat(article(items.get(1)).outlet()).isEqualTo("Valley Wire");
        assertThat(article(items.get(2)).outlet()).isEqualTo("from json");
    }

    @Test
    void hostileMalformedOrOversizedYamlSideFilesDoNotStopTheSource() throws IOException {
        Files.writeString(dir.resolve("a.html"), "<p>one</p>");
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {  // a billion laughs: each level nine aliases of the one before
            laughs.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                laughs.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            laughs.append("]\n");
        }
        Files.writeString(dir.resolve("a.yaml"), laughs);
        Files.writeString(dir.resolve("b.html"), "<p>two</p>");
        Files.writeString(dir.resolve("b.yaml"), "outlet: [unclosed\n");
        Files.writeString(dir.resolve("c.html"), "<p>three</p>");
        Files.writeString(dir.resolve("c.yaml"), "outlet: x\n" + "# padding\n".repeat(DirectorySource.MAX_SIDE_FILE_BYTES / 10));
        Files.writeString(dir.resolve("d.html"), "<p>four</p>");
        Files.writeString(dir.resolve("d.yaml"), "- just\n- a list\n");
        Files.writeString(dir.resolve("e.html"), "<p>five</p>");

        List<Ingested> items = drain(new DirectorySource(dir, config()));

        assertThat(items).hasSize(5);
        assertThat(article(items.get(0)).outlet()).as("aliases are not expanded: a mapping of unknown keys")
                .isEqualTo("a");
        assertThat(failure(items.get(1)).reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(failure(items.get(1)).message()).contains("not valid YAML");
        assertThat(failure(items.get(2)).reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(failure(items.get(3)).message()).contains("not a YAML object");
        assertThat(article(items.get(4)).body()).isEqualTo("<p>five</p>");
    }

    @Test
    void reportsProgressAndRejectsANonDirectory() throws IOException {
        Files.writeString(dir.resolve("one.txt"), "first");
        Files.writeString(dir.resolve("two.txt"), "second");
        DirectorySource source = new DirectorySource(dir, config());
        assertThat(source.position()).isZero();
        source.next();
        assertThat(source.position()).isEqualTo(1);
        source.next();
        assertThat(source.hasNext()).isFalse();
        assertThat(source.position()).isEqualTo(2);

        assertThatThrownBy(() -> new DirectorySource(dir.resolve("one.txt"), config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a directory");
    }
}
