package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class LooseTextTest {

    @Test
    void textLooseInADivBecomesParagraphsSplitAtDoubleBreaks() {
        Document doc = Jsoup.parse("<div id=c><b>Ferry timetable</b> changes from Monday for every island route.<br><br>"
                + "The operator said the winter sailings would run <i>twice</i> a day until March.<br>"
                + "Tickets bought earlier remain valid.<div class=x>x</div></div>");
        LooseText.wrap(doc.body());
        assertThat(doc.select("#c > p")).extracting(e -> e.text()).containsExactly(
                "Ferry timetable changes from Monday for every island route.",
                "The operator said the winter sailings would run twice a day until March. Tickets bought earlier remain valid.");
    }

    @Test
    void shortRunsAndExistingParagraphsAreLeftAlone() {
        Document doc = Jsoup.parse("<div id=c>Home | News<p>An existing paragraph stays as it is, untouched.</p></div>");
        LooseText.wrap(doc.body());
        assertThat(doc.select("#c > p")).hasSize(1);
        assertThat(doc.select("#c").first().ownText()).isEqualTo("Home | News");
    }

    @Test
    void anArticleWithoutParagraphMarkupIsExtracted() {
        String html = "<html><body><div class=menu><a href=/>Home</a> <a href=/a>Archive</a></div>"
                + "<div class=content><p class=titulo>Water main repaired</p>"
                + "Crews repaired the burst water main on Alder Street overnight, the utility said on Friday.<br><br>"
                + "Residents of about 300 homes had been without water for nine hours before the repair.</div></body></html>";
        var raw = new dev.rewire.model.RawArticle(1, "i", "https://example.test/a", "https://example.test/a", "o",
                java.time.Instant.EPOCH, "text/html", html, "jsonl", null, null, false);
        Extraction e = new HtmlExtractor().extract(raw);
        assertThat(String.join("\n", e.paragraphs())).contains("burst water main").contains("about 300 homes");
    }
}
