package dev.rewire.ingest.source;

import static dev.rewire.ingest.source.SourceTesting.article;
import static dev.rewire.ingest.source.SourceTesting.config;
import static dev.rewire.ingest.source.SourceTesting.drain;
import static dev.rewire.ingest.source.SourceTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSourceTest {

    private static final String LINES = String.join("\n",
            "{\"url\": \"https://harborledger.example/2024/tide\", \"html\": \"<p>Tide tables change.</p>\","
                    + " \"title\": \"Tides\", \"publishedAt\": \"2024-04-01T06:00:00Z\"}",
            "",
            "{\"url\": \"https://valleycourier.example/fair\", \"text\": \"The fair opens.\", \"outlet\": \"Valley Courier\","
                    + " \"publishedAt\": \"2024-04-01T07:00:00Z\", \"fetchedAt\": \"2024-04-01T07:05:00Z\"}",
            "{\"url\": \"https://broken.example/\", \"html\": ",
            "{\"html\": \"<p>no address</p>\", \"outlet\": \"Nowhere Gazette\"}",
            "{\"url\": \"https://lanternpost.example/empty\", \"title\": \"nothing here\"}",
            "[1, 2, 3]",
            "{\"url\": \"https://lanternpost.example/when\", \"html\": \"<p>x</p>\", \"publishedAt\": \"soon\"}",
            "   ",
            "{\"url\": \"https://lanternpost.example/last\", \"html\": \"<p>Last one.</p>\"}\r",
            "");

    @TempDir
    Path dir;

    @Test
    void readsGoodLinesAndTurnsBadOnesIntoFailures() throws IOException {
        Path file = Files.writeString(dir.resolve("in.jsonl"), LINES);
        assertLines(drain(new JsonlSource(file, config())), file);
    }

    @Test
    void readsGzipCompressedFiles() throws IOException {
        Path file = dir.resolve("in.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(LINES.getBytes(StandardCharsets.UTF_8));
        }
        JsonlSource source = new JsonlSource(file, config());
        List<Ingested> items = drain(source);
        assertLines(items, file);
        assertThat(source.position()).isEqualTo(Files.size(file));
    }

    private static void assertLines(List<Ingested> items, Path file) {
        assertThat(items).hasSize(8);

        RawArticle first = article(items.get(0));
        assertThat(first.url()).isEqualTo("https://harborledger.example/2024/tide");
        assertThat(first.finalUrl()).isEqualTo(first.url());
        assertThat(first.outlet()).isEqualTo("harborledger.example");
        assertThat(first.contentType()).isEqualTo(RawArticle.HTML);
        assertThat(first.body()).isEqualTo("<p>Tide tables change.</p>");
        assertThat(first.title()).isEqualTo("Tides");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2024-04-01T06:00:00Z"));
        assertThat(first.fetchedAt()).as("fetchedAt defaults to publishedAt").isEqualTo(first.publishedAt());
        assertThat(first.discoveredVia()).isEqualTo(DiscoveredVia.JSONL);

        RawArticle second = article(items.get(1));
        assertThat(second.outlet()).isEqualTo("Valley Courier");
        assertThat(second.contentType()).isEqualTo(RawArticle.TEXT);
        assertThat(second.fetchedAt()).isEqualTo(Instant.parse("2024-04-01T07:05:00Z"));

        Ingested.Failure malformed = failure(items.get(2));
        assertThat(malformed.reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(malformed.message()).contains("line 4").contains("not valid JSON");
        assertThat(malformed.key()).isEqualTo(file.toAbsolutePath().toUri() + "#line=4");
        assertThat(malformed.rejected().excerpt()).startsWith("{\"url\": \"https://broken.example/\"");
        assertThat(malformed.rejected().stage()).isEqualTo("ingest");

        Ingested.Failure noUrl = failure(items.get(3));
        assertThat(noUrl.reason()).isEqualTo(RejectReason.MISSING_URL);
        assertThat(noUrl.message()).contains("line 5");
        assertThat(noUrl.rejected().outlet()).isEqualTo("Nowhere Gazette");

        Ingested.Failure noBody = failure(items.get(4));
        assertThat(noBody.reason()).isEqualTo(RejectReason.EMPTY_BODY);
        assertThat(noBody.message()).contains("line 6").contains("neither html nor text");
        assertThat(noBody.key()).isEqualTo("https://lanternpost.example/empty");

        Ingested.Failure notObject = failure(items.get(5));
        assertThat(notObject.reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(notObject.message()).contains("line 7").contains("not a JSON object");

        Ingested.Failure badTime = failure(items.get(6));
        assertThat(badTime.reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(badTime.message()).contains("line 8").contains("'soon'");

        RawArticle last = article(items.get(7));
        assertThat(last.body()).isEqualTo("<p>Last one.</p>");
        assertThat(last.fetchedAt()).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());

        assertThat(items).extracting(Ingested::ingestId).doesNotHaveDuplicates();
    }

    @Test
    void aFetchTimeInTheFutureIsReplacedByTheTimeOfReading() throws IOException {
        Path file = Files.writeString(dir.resolve("future.jsonl"), String.join("\n",
                "{\"url\": \"https://harborledger.example/f\", \"html\": \"<p>x</p>\", \"fetchedAt\": \"9999-12-31T00:00:00Z\"}",
                "{\"url\": \"https://harborledger.example/g\", \"html\": \"<p>y</p>\", \"fetchedAt\": \"2024-05-02T10:00:00Z\"}"));
        List<Ingested> items = drain(new JsonlSource(file, config()));
        assertThat(article(items.get(0)).fetchedAt()).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        assertThat(article(items.get(1)).fetchedAt()).isEqualTo(Instant.parse("2024-05-02T10:00:00Z"));
    }

    @Test
    void cutsLongBodiesAndRejectsOverlongLines() throws IOException {
        String body = "é".repeat(1000);
        String tooLong = "{\"url\": \"https://harborledger.example/huge\", \"html\": \"" + "y".repeat(2_000_000) + "\"}";
        Path file = Files.writeString(dir.resolve("big.jsonl"), String.join("\n",
                "{\"url\": \"https://harborledger.example/long\", \"html\": \"" + body + "\"}",
                tooLong,
                "{\"url\": \"https://harborledger.example/after\", \"html\": \"<p>after</p>\"}"));

        List<Ingested> items = drain(new JsonlSource(file, SourceTesting.config("1kb")));

        assertThat(items).hasSize(3);
        RawArticle cut = article(items.get(0));
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.body()).hasSize(512);
        Ingested.Failure huge = failure(items.get(1));
        assertThat(huge.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(huge.message()).contains("line 2");
        assertThat(huge.rejected().inputBytes()).isEqualTo(tooLong.length());
        assertThat(article(items.get(2)).url()).isEqualTo("https://harborledger.example/after");
    }

    @Test
    void aCorruptGzipFileEndsWithOneUnreadableFailure() throws IOException {
        Path good = dir.resolve("good.jsonl.gz");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append("{\"url\": \"https://harborledger.example/").append(i).append("\", \"text\": \"item ")
                    .append(i).append(" of the harbor log with some varying words ").append(i * 31 % 97).append("\"}\n");
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(good))) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        List<Ingested> items = drain(new JsonlSource(cut, config()));

        assertThat(items.size()).isBetween(2, 2000);
        assertThat(items.subList(0, items.size() - 1)).allMatch(i -> i instanceof Ingested.Article);
        Ingested.Failure end = failure(items.get(items.size() - 1));
        assertThat(end.reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
        assertThat(end.message()).contains("cannot read").contains("after line");
    }

    @Test
    void aMissingFileIsOneFailureNotAnException() {
        List<Ingested> items = drain(new JsonlSource(dir.resolve("absent.jsonl"), config()));
        assertThat(items).hasSize(1);
        assertThat(failure(items.get(0)).reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
        assertThat(failure(items.get(0)).message()).contains("cannot open");
    }
}
