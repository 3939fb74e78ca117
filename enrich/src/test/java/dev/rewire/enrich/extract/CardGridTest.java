package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class CardGridTest {

    private static final String STORY = "<p>The county library will open on Sundays from March, the council said, after a "
            + "year of petitions from parents and students who had nowhere quiet to work at weekends.</p>"
            + "<p>Staff will be paid from the reading-room budget, which was underspent last year because the heating "
            + "failed for two months and the room stayed shut.</p>";

    private static String tile(String title, String href) {
        return "<div class=tile><img src=/t.jpg><h3>" + title + "</h3><div>A short blurb about " + title
                + ".</div><a href=" + href + ">Learn more</a></div>";
    }

    @Test
    void teaserTilesAfterAStoryAreCards() {
        Document doc = Jsoup.parse("<div id=c>" + STORY + "<div id=g>" + tile("Opening hours", "/a")
                + tile("Study rooms", "/b") + tile("Author talks", "/c") + "</div></div>");
        assertThat(CardGrid.cards(doc.getElementById("c"))).hasSize(3)
                .allSatisfy(card -> assertThat(card.parent().id()).isEqualTo("g"));
    }

    @Test
    void twoTilesAreNoGrid() {
        Document doc = Jsoup.parse("<div id=c>" + STORY + "<div>" + tile("Opening hours", "/a") + tile("Study rooms", "/b")
                + "</div></div>");
        assertThat(CardGrid.cards(doc.getElementById("c"))).isEmpty();
    }

    @Test
    void stepsWhoseLinksSitInSentencesAreNoCards() {
        StringBuilder html = new StringBuilder("<div id=c>" + STORY);
        for (int i = 1; i <= 4; i++) {
            html.append("<div class=step><h3>Step ").append(i).append("</h3><p>Fill in the <a href=/form>request form</a>"
                    + " and bring it to the desk.</p></div>");
        }
        Document doc = Jsoup.parse(html.append("</div>").toString());
        assertThat(CardGrid.cards(doc.getElementById("c"))).isEmpty();
    }

    @Test
    void aPageThatIsOnlyCardsKeepsThem() {
        Document doc = Jsoup.parse("<div id=c>" + tile("Opening hours", "/a") + tile("Study rooms", "/b")
                + tile("Author talks", "/c") + tile("Local history", "/d") + "</div>");
        assertThat(CardGrid.cards(doc.getElementById("c"))).isEmpty();
    }
}
