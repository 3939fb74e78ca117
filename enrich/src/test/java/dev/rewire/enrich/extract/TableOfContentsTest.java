package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TableOfContentsTest {

    @Test
    void aHeaderAndNumberedEntriesThatComeBackAsHeadingsAreDropped() {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> out = Paragraphs.dropTableOfContents(List.of("Intro paragraph of the story.", "Contents",
                "1) The vote", "2) What comes next", "The vote", "Council members voted seven to two.",
                "What comes next", "A second vote follows in May."), counts);
        assertThat(out).containsExactly("Intro paragraph of the story.", "The vote", "Council members voted seven to two.",
                "What comes next", "A second vote follows in May.");
        assertThat(counts).containsEntry(Paragraphs.TOC_RULE, 3);
    }

    @Test
    void aSingleRepeatedHeadingStays() {
        List<String> in = List.of("Pros", "Light and cheap.", "Cons", "Short battery life.", "Pros", "Very fast.");
        assertThat(Paragraphs.dropTableOfContents(in, new TreeMap<>())).isEqualTo(in);
    }
}
