package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.enrich.Fixtures;
import dev.rewire.model.RawArticle;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {

    private static final Instant T0 = Instant.parse("2031-04-02T08:00:00Z");
    private final HtmlExtractor extractor = new HtmlExtractor();

    private Extraction extract(String url, String html) {
        return extractor.extract(Fixtures.html(url, "Test Outlet", html, T0));
    }

    @Test
    void extractsMetadataAndOnlyTheArticleBodyFromAFullPage() {
        Extraction x = extract(Fixtures.LEDGER_URL, Fixtures.LEDGER_HTML);

        assertThat(x.title()).isEqualTo(Fixtures.TITLE);
        assertThat(x.canonicalUrl()).isEqualTo(Fixtures.LEDGER_CANONICAL);
        assertThat(x.byline()).isEqualTo("Mirela Okafor");
        assertThat(x.publishedAt()).isEqualTo(Instant.parse("2031-04-02T06:30:00Z"));
        assertThat(x.language()).isEqualTo("en");
        assertThat(x.paragraphs()).containsExactly(Fixtures.P1, Fixtures.P2, Fixtures.H2, Fixtures.P3, Fixtures.QUOTE);
        // cookie banner + share tools + related list + newsletter box by class; masthead, nav, aside, footer, … by tag
        assertThat(x.boilerplate().get(HtmlExtractor.CLASS_RULE)).isEqualTo(4);
        assertThat(x.boilerplate().get(HtmlExtractor.ELEMENT_RULE)).isGreaterThanOrEqualTo(4);
        assertThat(x.boilerplate()).containsEntry("social-call-to-action", 1);
        assertThat(x.wordCount()).isEqualTo(Extraction.countWords(x.text()));
    }

    @Test
    void templateWithoutArticleElementUsesArticleBodyAndOgTitleWithoutSiteName() {
        Extraction x = extract(Fixtures.COURIER_URL, Fixtures.COURIER_HTML);
        assertThat(x.title()).isEqualTo(Fixtures.TITLE);
        assertThat(x.byline()).isEqualTo("Staff reporter");
        assertThat(x.publishedAt()).isEqualTo(Instant.parse("2031-04-02T09:00:00Z"));
        assertThat(x.canonicalUrl()).isEqualTo(Fixtures.COURIER_URL);
        assertThat(x.paragraphs()).hasSize(5).first().isEqualTo(Fixtures.P1);
        assertThat(x.text()).doesNotContain("comment", "Subscribe", "Copyright", "Facebook");
    }

    @Test
    void withoutStructureTheElementWithMostParagraphTextWins() {
        String html = """
                <html><head><title>Quarry reopens after safety review - Fenwick Gazette</title></head><body>
                <div class="top"><p>Today: mild, 14 degrees.</p></div>
                <div class="col">
                  <h1>Quarry reopens after safety review</h1>
                  <p>The limestone quarry above Fenwick reopened on Monday after a four-month safety review found no fault with its blasting schedule.</p>
                  <p>Residents on Mill Lane, who had complained of cracked plaster, will be offered free surveys until June.</p>
                  <p>The residents' association called the result disappointing but said it would take part in the surveys.</p>
                  <table><tr><td>Blasts per week</td><td>3</td></tr><tr><td>Warning time</td><td>10 minutes</td></tr></table>
                </div>
                <div class="side"><p>Advertise with us from as little as nine crowns a day.</p></div>
                </body></html>
                """;
        Extraction x = extract("https://fenwick-gazette.example/quarry", html);
        assertThat(x.title()).isEqualTo("Quarry reopens after safety review");
        assertThat(x.paragraphs()).hasSize(5);
        assertThat(x.paragraphs().get(0)).startsWith("The limestone quarry");
        assertThat(x.paragraphs()).contains("Blasts per week; 3", "Warning time; 10 minutes");
        assertThat(x.text()).doesNotContain("mild, 14 degrees", "Advertise");
        assertThat(x.language()).as("no <html lang>: guessed from the text").isEqualTo("en");
    }

    @Test
    void titleFallsBackToFirstH1AndAFirstParagraphRepeatingItIsDropped() {
        String html = """
                <html lang="de-AT"><body><article>
                <h1>Bridge repairs finish early</h1>
                <p>Bridge repairs finish early</p>
                <p>Crews finished resurfacing the Elmsbrück bridge nine days ahead of schedule.</p>
                <p>Crews finished resurfacing the Elmsbrück bridge nine days ahead of schedule.</p>
                <p>Traffic lights at both ends will be removed on Saturday.</p>
                <time datetime="2031-06-01T10:15:00+02:00">1 June</time>
                </article></body></html>
                """;
        Extraction x = extract("https://elms-post.example/bridge", html);
        assertThat(x.title()).isEqualTo("Bridge repairs finish early");
        assertThat(x.paragraphs()).containsExactly(
                "Crews finished resurfacing the Elmsbrück bridge nine days ahead of schedule.",
                "Traffic lights at both ends will be removed on Saturday.");
        assertThat(x.boilerplate()).containsEntry("title-repeat", 1).containsEntry("duplicate-paragraph", 1);
        assertThat(x.language()).isEqualTo("de");
        assertThat(x.publishedAt()).isEqualTo(Instant.parse("2031-06-01T08:15:00Z"));
    }

    @Test
    void publishedFallsBackToTheHintAndCanonicalToTheFinalUrl() {
        RawArticle raw = new RawArticle(1, "i", "https://short.example/x", "https://orchard-news.example/apples",
                "Orchard News", T0, RawArticle.HTML,
                "<html><body><p>Apple growers expect a record harvest after a warm and wet spring.</p>"
                        + "<link rel=canonical href='javascript:void(0)'></body></html>",
                "feed", Instant.parse("2031-09-09T09:09:09Z"), "Growers expect a record harvest", false);
        Extraction x = extractor.extract(raw);
        assertThat(x.canonicalUrl()).isEqualTo("https://orchard-news.example/apples");
        assertThat(x.publishedAt()).isEqualTo(Instant.parse("2031-09-09T09:09:09Z"));
        assertThat(x.title()).isEqualTo("Growers expect a record harvest");
        assertThat(x.paragraphs()).containsExactly("Apple growers expect a record harvest after a warm and wet spring.");
    }

    @Test
    void aWholePageFormWrapperIsNotMistakenForFurniture() {
        String html = """
                <html><body><form id="aspnetForm"><div>
                <p>The district library will open on Sundays from March, the first change to its hours in a decade.</p>
                <p>Funding comes from a bequest left by a retired schoolteacher who asked to remain anonymous.</p>
                </div></form></body></html>
                """;
        Extraction x = extract("https://district-weekly.example/library", html);
        assertThat(x.paragraphs()).hasSize(2);
    }

    @Test
    void bareTextInsideHtmlFallsBackToLines() {
        Extraction x = extract("https://plain.example/a", "<html><body>First line of a note.<br>Second line.</body></html>");
        assertThat(x.text()).contains("First line of a note.");
    }

    @Test
    void deeplyNestedMarkupDoesNotExhaustTheStack() {
        String html = "<div>".repeat(50_000) + "<p>Deep inside the page there is one sentence of text.</p>"
                + "</div>".repeat(50_000);
        Extraction x = extract("https://deep.example/a", html);
        assertThat(x.text()).contains("one sentence of text");
    }

    @Test
    void siteSuffixesAreStrippedOnlyWhenTheyLookLikeOne() {
        Set<String> names = Set.of("Harbour Ledger");
        assertThat(HtmlExtractor.stripSiteSuffix("Ferry approved | Harbour Ledger", names, false)).isEqualTo("Ferry approved");
        assertThat(HtmlExtractor.stripSiteSuffix("Ferry approved - The Harbour Ledger", names, false)).isEqualTo("Ferry approved");
        assertThat(HtmlExtractor.stripSiteSuffix("Ferry approved | Morning Edition", names, true)).isEqualTo("Ferry approved");
        assertThat(HtmlExtractor.stripSiteSuffix("Ferry approved | Morning Edition", names, false))
                .isEqualTo("Ferry approved | Morning Edition");
        assertThat(HtmlExtractor.stripSiteSuffix("Minister resigns - live updates", names, true))
                .isEqualTo("Minister resigns - live updates");
        assertThat(HtmlExtractor.stripSiteSuffix("Year-end review", names, true)).isEqualTo("Year-end review");
    }
}
