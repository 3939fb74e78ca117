package dev.rewire.enrich.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.enrich.Fixtures;
import dev.rewire.enrich.extract.Extractors;
import dev.rewire.model.RejectReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ArticleCleanerTest {

    private static final Instant NOW = Instant.parse("2031-04-02T10:00:00Z");
    private final EnrichMetrics metrics = new EnrichMetrics(new SimpleMeterRegistry());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void anExtractorFailureBecomesAProcessingErrorWithItsMessage() {
        ArticleCleaner cleaner = new ArticleCleaner(raw -> {
            throw new IllegalStateException("tree walk gave up");
        }, 1_000_000, 1, metrics, clock);
        CleanOutcome out = cleaner.clean("k", Fixtures.bytes(Fixtures.html(Fixtures.LEDGER_URL, "L", Fixtures.LEDGER_HTML,
                NOW)), 0L);
        assertThat(out.isRejected()).isTrue();
        assertThat(out.rejected().reason().code()).isEqualTo(RejectReason.PROCESSING_ERROR);
        assertThat(out.rejected().reason().message()).contains("IllegalStateException", "tree walk gave up");
        assertThat(out.rejected().at()).isEqualTo(NOW);
        assertThat(out.rejected().url()).isEqualTo(Fixtures.LEDGER_URL);
    }

    @Test
    void fewerWordsThanTheMinimumIsNoArticle() {
        ArticleCleaner cleaner = new ArticleCleaner(Extractors.defaults(), 1_000_000, 200, metrics, clock);
        CleanOutcome out = cleaner.clean("k", Fixtures.bytes(Fixtures.html(Fixtures.LEDGER_URL, "L", Fixtures.LEDGER_HTML,
                NOW)), 0L);
        assertThat(out.rejected().reason().code()).isEqualTo(RejectReason.NO_ARTICLE);
        assertThat(out.rejected().reason().message()).contains("enrich.minWords");
    }

    @Test
    void missingFetchTimeIsTakenFromTheRecordAndMissingOutletFromTheHost() {
        ArticleCleaner cleaner = new ArticleCleaner(Extractors.defaults(), 1_000_000, 1, metrics, clock);
        String json = "{\"url\": \"https://Orchard-News.example/apples\", \"contentType\": \"text/plain\","
                + " \"body\": \"Apple growers expect a record harvest.\"}";
        CleanOutcome out = cleaner.clean(null, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1_000L);
        assertThat(out.isRejected()).isFalse();
        assertThat(out.article().fetchedAt()).isEqualTo(Instant.ofEpochMilli(1_000L));
        assertThat(out.article().outlet()).isEqualTo("orchard-news.example");
        assertThat(out.article().text()).isEqualTo("Apple growers expect a record harvest.");
        assertThat(out.article().wordCount()).isEqualTo(6);
    }

    @Test
    void aPublicationTimeThatCannotBeTrueIsDroppedAndTheFetchTimeStands() {
        ArticleCleaner cleaner = new ArticleCleaner(Extractors.defaults(), 1_000_000, 1, metrics, clock);
        for (String claimed : new String[] {"2999-01-01T00:00:00Z", "+300000000-01-01T00:00:00Z", "1066-10-14T09:00:00Z"}) {
            String json = "{\"url\": \"https://orchard-news.example/apples\", \"contentType\": \"text/plain\","
                    + " \"fetchedAt\": \"2031-04-02T09:00:00Z\", \"publishedAt\": \"" + claimed + "\","
                    + " \"body\": \"Apple growers expect a record harvest.\"}";
            CleanOutcome out = cleaner.clean("k", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1_000L);
            assertThat(out.isRejected()).as(claimed).isFalse();
            assertThat(out.article().publishedAt()).as(claimed).isNull();
            assertThat(out.article().eventTime()).as(claimed).isEqualTo(Instant.parse("2031-04-02T09:00:00Z"));
        }
        // within a day after the fetch (a time zone written wrong) and any time before it are believed
        assertThat(ArticleCleaner.plausiblePublicationTime(Instant.parse("2031-04-02T20:00:00Z"),
                Instant.parse("2031-04-02T09:00:00Z"))).isEqualTo(Instant.parse("2031-04-02T20:00:00Z"));
        assertThat(ArticleCleaner.plausiblePublicationTime(Instant.parse("1998-04-02T20:00:00Z"),
                Instant.parse("2031-04-02T09:00:00Z"))).isEqualTo(Instant.parse("1998-04-02T20:00:00Z"));
        assertThat(ArticleCleaner.plausibleFetchTime(Instant.parse("+300000000-01-01T00:00:00Z"), 1_000L, NOW))
                .isEqualTo(Instant.ofEpochMilli(1_000L));
        // a fetch time after both the record's time and now is a producer's nonsense
        assertThat(ArticleCleaner.plausibleFetchTime(Instant.parse("9999-01-01T00:00:00Z"), NOW.toEpochMilli(), NOW))
                .isEqualTo(NOW);
        assertThat(ArticleCleaner.plausibleFetchTime(NOW.minusSeconds(60), NOW.toEpochMilli(), NOW))
                .isEqualTo(NOW.minusSeconds(60));
        assertThat(ArticleCleaner.plausibleFetchTime(null, Long.MAX_VALUE, NOW)).isEqualTo(ArticleCleaner.LATEST);
    }

    private static byte[] htmlRecord(String url, String body) {
        return Fixtures.bytes(Fixtures.html(url, "Orchard News", body, NOW));
    }

    @Test
    void controlCharactersFromEntitiesAndLongCombiningRunsDoNotReachTheCleanText() {
        ArticleCleaner cleaner = new ArticleCleaner(Extractors.defaults(), 10_000_000, 1, 5_000, metrics, clock);
        CleanOutcome entities = cleaner.clean("k", htmlRecord("https://orchard-news.example/a",
                "<p>Apple growers " + "&#1;".repeat(200_000) + " expect a record harvest.</p>"), 0L);
        assertThat(entities.isRejected()).isFalse();
        assertThat(entities.article().text()).doesNotContain("\u0001").contains("Apple growers").contains("record harvest");

        long start = System.nanoTime();
        CleanOutcome marks = cleaner.clean("k", htmlRecord("https://orchard-news.example/b",
                "<p>Apple growers expect a" + "\u0301\u0316".repeat(60_000) + " record harvest.</p>"), 0L);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(3));
        assertThat(marks.isRejected()).isFalse();
        assertThat(marks.article().text().length()).isLessThan(200);
    }

    @Test
    void aHugeUrlOrOutletIsAMalformedRecordWithASmallRejection() {
        ArticleCleaner cleaner = new ArticleCleaner(Extractors.defaults(), 10_000_000, 1, metrics, clock);
        String longUrl = "https://" + "a".repeat(5_000_000) + ".example/x";
        CleanOutcome url = cleaner.clean("k", htmlRecord(longUrl, "<p>Apple growers expect a record harvest.</p>"), 0L);
        assertThat(url.rejected().reason().code()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(url.rejected().reason().message()).contains("URL has 5000018 characters");
        assertThat(url.rejected().url()).hasSize(2_000);

        CleanOutcome outlet = cleaner.clean("k", Fixtures.bytes(Fixtures.html("https://orchard-news.example/c",
                "O".repeat(2_000_000), "<p>Apple growers expect a record harvest.</p>", NOW)), 0L);
        assertThat(outlet.rejected().reason().code()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(outlet.rejected().outlet()).hasSize(2_000);
    }

    @Test
    void whatThePageClaimsIsBoundedAndAnOverlongIngestIdIsMalformed() {
        ArticleCleaner cleaner = new ArticleCleaner(Extractors.defaults(), 20_000_000, 1, metrics, clock);
        String page = "<html><head><title>" + "Harbour ".repeat(300_000) + "</title>"
                + "<link rel=\"canonical\" href=\"https://orchard-news.example/" + "c".repeat(5_000_000) + "\">"
                + "<meta property=\"og:site_name\" content=\"" + "S".repeat(100_000) + "\">"
                + "</head><body><article><p>Apple growers expect a record harvest this year, the "
                + "cooperative said on Tuesday.</p></article></body></html>";
        String json = "{\"url\": \"https://orchard-news.example/apples\", \"contentType\": \"text/html\","
                + " \"body\": " + dev.rewire.model.Json.write(page) + "}";
        CleanOutcome out = cleaner.clean("k", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1_000L);
        assertThat(out.isRejected()).isFalse();
        assertThat(out.article().title()).hasSizeLessThanOrEqualTo(ArticleCleaner.MAX_TITLE_CHARS).startsWith("Harbour");
        assertThat(out.article().canonicalUrl()).as("a canonical URL too long to be true").isEqualTo(
                "https://orchard-news.example/apples");
        assertThat(out.article().outlet()).as("a site name too long to be true").isEqualTo("orchard-news.example");

        String longId = "{\"url\": \"https://orchard-news.example/b\", \"contentType\": \"text/plain\", \"ingestId\": \""
                + "i".repeat(1_000) + "\", \"body\": \"Apple growers expect a record harvest.\"}";
        CleanOutcome id = cleaner.clean("k", longId.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1_000L);
        assertThat(id.rejected().reason().code()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(id.rejected().reason().message()).contains("ingestId");
    }

    @Test
    void anArticleTooLargeForARecordIsRejectedNotForwarded() {
        ArticleCleaner cleaner = new ArticleCleaner(Extractors.defaults(), 40_000_000, 1, metrics, clock);
        String text = "Apple growers expect a record harvest this year. ".repeat(340_000);  // 17 MB of text
        String json = "{\"url\": \"https://orchard-news.example/long\", \"contentType\": \"text/plain\","
                + " \"body\": \"" + text + "\"}";
        CleanOutcome out = cleaner.clean("k", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1_000L);
        assertThat(out.isRejected()).isTrue();
        assertThat(out.rejected().reason().code()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(out.rejected().reason().message()).contains("bytes of JSON");
    }

    @Test
    void controlCharacterSoupIsBinaryButOrdinaryTextIsNot() {
        assertThat(ArticleCleaner.looksBinary("ab\u0001\u0002\u0003\u0004cd\u0005\u0006")).isTrue();
        assertThat(ArticleCleaner.looksBinary("abc\u0000def")).isTrue();
        assertThat(ArticleCleaner.looksBinary("Tabs\tand\nnew lines\r\nand ünïcödé are text.")).isFalse();
    }
}
