package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToIntFunction;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SplitBodyTest {

    /** Paragraph text as the extractor's tree facts count it: the text of the {@code <p>}s below. */
    private static final ToIntFunction<Element> PARAGRAPH_TEXT = e -> e.select("p").text().length();

    @Test
    void aBodySplitAroundACallOutComesBackWhole() {
        Document doc = Jsoup.parse("<div><div class=body id=a><p>First half of the story.</p></div>"
                + "<div class=callout><p>Read our other guide.</p></div>"
                + "<div class=body id=b><p>Second half of the story, the longer one.</p></div>"
                + "<div class=body><img src=x.jpg></div></div>");
        assertThat(SplitBody.parts(doc.getElementById("b"), PARAGRAPH_TEXT)).extracting(Element::id)
                .containsExactly("a", "b");
    }

    @Test
    void siblingArticlesAreOtherStories() {
        Document doc = Jsoup.parse("<div><article class=post id=a><p>The story on this page, told at length.</p>"
                + "</article><article class=post id=b><p>The next story, appended by an infinite scroll.</p></article>"
                + "</div>");
        assertThat(SplitBody.parts(doc.getElementById("a"), PARAGRAPH_TEXT)).extracting(Element::id)
                .containsExactly("a");
    }

    @Test
    void aContainerWithoutClassHasNoOtherParts() {
        Document doc = Jsoup.parse("<div><div id=a><p>One block of text.</p></div><div><p>Another block.</p></div></div>");
        assertThat(SplitBody.parts(doc.getElementById("a"), PARAGRAPH_TEXT)).extracting(Element::id)
                .containsExactly("a");
    }
}
