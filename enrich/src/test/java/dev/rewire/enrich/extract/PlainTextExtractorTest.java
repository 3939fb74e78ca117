package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.enrich.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlainTextExtractorTest {

    private static final Instant T0 = Instant.parse("2031-01-15T12:00:00Z");
    private final PlainTextExtractor extractor = new PlainTextExtractor();

    private Extraction extract(String text, String titleHint) {
        return extractor.extract(Fixtures.text("file:///in/a.txt", "a.txt", text, titleHint, T0));
    }

    @Test
    void furnitureLinesAreRemovedAndCountedPerRule() {
        Extraction x = extract(Fixtures.LAKESIDE_TEXT, null);
        assertThat(x.title()).isEqualTo("Storm closes the Korvalen pass for a second day");
        assertThat(x.paragraphs()).hasSize(3);
        assertThat(x.paragraphs().get(0)).startsWith("Snow drifts");
        assertThat(x.boilerplate()).containsEntry("site-chrome", 3).containsEntry("lone-word", 3)
                .containsEntry("social-call-to-action", 1).containsEntry("copyright", 1);
        assertThat(x.text()).contains("\n\n").doesNotContain("\n\n\n");
        assertThat(x.canonicalUrl()).isEqualTo("file:///in/a.txt");
        assertThat(x.byline()).isNull();
    }

    @Test
    void aFirstLineThatIsASentenceIsNotTakenForATitle() {
        Extraction x = extract("""
                The town hall clock stopped at noon on Thursday, and nobody could say why.
                A technician from the county will climb the tower on Monday.
                """, null);
        assertThat(x.title()).isNull();
        assertThat(x.paragraphs()).hasSize(2);
    }

    @Test
    void theTitleHintWinsAndItsRepetitionsAreDropped() {
        Extraction x = extract("""
                Clock tower stops at noon

                Clock tower stops at noon

                The town hall clock stopped at noon on Thursday.
                """, "Clock tower stops at noon");
        assertThat(x.title()).isEqualTo("Clock tower stops at noon");
        assertThat(x.paragraphs()).containsExactly("The town hall clock stopped at noon on Thursday.");
        assertThat(x.boilerplate()).containsEntry("duplicate-paragraph", 1).containsEntry("title-repeat", 1);
    }

    @Test
    void aSingleHeadlineShapedLineIsBodyNotTitle() {
        Extraction x = extract("Council approves budget without debate", null);
        assertThat(x.title()).isNull();
        assertThat(x.paragraphs()).containsExactly("Council approves budget without debate");
    }

    @Test
    void wordCountCountsUnicodeWordTokens() {
        assertThat(Extraction.countWords("Żółw i kot — 3 zwierzęta, don't.")).isEqualTo(7);
        assertThat(Extraction.countWords("")).isZero();
    }
}
