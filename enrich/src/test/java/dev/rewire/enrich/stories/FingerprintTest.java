package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void termsDropStopWordsStemPluralsAndMarkNumbers() {
        assertThat(Terms.words("The cities' 3,000 cables, cracked!")).containsExactly("the", "cities", "3,000", "cables", "cracked");
        assertThat(Terms.term("the")).isNull();
        assertThat(Terms.term("said")).isNull();
        assertThat(Terms.term("cities")).isEqualTo("city");
        assertThat(Terms.term("cables")).isEqualTo("cable");
        assertThat(Terms.term("glass")).isEqualTo("glass");
        assertThat(Terms.term("3,000")).isEqualTo("#3000");
    }

    @Test
    void entitiesAreCapitalisedWordsAfterTheSentenceStartAcronymsAndNumbersWithUnits() {
        var e = EntityExtractor.extract("Yesterday the mayor Pieter Haldane met NATO envoys. Repairs will take "
                + "six weeks and cost 1.8 million crowns.\nOn June 4 the 42-metre span reopened.");
        assertThat(e.names()).containsKeys("pieter", "haldane", "nato").doesNotContainKeys("yesterday", "repairs");
        assertThat(e.numbers()).contains("6 week", "1.8 million", "jun 4", "42 metre");
    }

    @Test
    void minHashIsHighForLightEditsAndLowForRewrites() {
        int[] a = MinHash.of(Terms.words(StoryTexts.BRIDGE));
        assertThat(MinHash.similarity(a, MinHash.of(Terms.words(StoryTexts.BRIDGE)))).isEqualTo(1.0);
        assertThat(MinHash.similarity(a, MinHash.of(Terms.words(StoryTexts.BRIDGE_EDITED)))).isGreaterThan(0.6);
        assertThat(MinHash.similarity(a, MinHash.of(Terms.words(StoryTexts.BRIDGE_REWRITE)))).isLessThan(0.2);
        assertThat(MinHash.of(List.of("too", "short"))).isEmpty();
    }

    @Test
    void fingerprintsOfTheSameTextAgreeAndTitlesCountExtra() {
        Fingerprint f = Fingerprinter.of("Cracked cables", StoryTexts.BRIDGE);
        assertThat(f.contentHash()).isEqualTo(Fingerprinter.of(null, StoryTexts.BRIDGE).contentHash());
        assertThat(f.terms().get("cable")).isEqualTo(Fingerprinter.of(null, StoryTexts.BRIDGE).terms().get("cable") + 2);
        assertThat(f.names()).containsKeys("varnley", "brannagh", "haldane");
        assertThat(f.words()).isGreaterThan(100);
    }

    @Test
    void theScorerPrefersTheSameEventOverTheSameKindOfEvent() {
        StoryState bridge = StoryState.start("a1", "x", null, 0);
        StoryState other = StoryState.start("b1", "y", null, 0);
        java.util.function.ToDoubleFunction<String> idf = t -> 1.0;
        bridge.add("a1", "x", null, 0, new int[0], new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE), idf));
        other.add("b1", "y", null, 0, new int[0], new ArticleVector(Fingerprinter.of(null, StoryTexts.OTHER_BRIDGE), idf));
        ArticleVector rewrite = new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE_REWRITE), idf);
        var same = StoryScorer.score(rewrite, bridge, 0, 7 * 86_400_000L);
        var different = StoryScorer.score(rewrite, other, 0, 7 * 86_400_000L);
        assertThat(same.total()).isGreaterThan(0.3).isGreaterThan(different.total() + 0.2);
        assertThat(same.names()).isGreaterThan(different.names());
        // Time proximity: the same match a horizon later scores lower.
        assertThat(StoryScorer.score(rewrite, bridge, 7 * 86_400_000L, 7 * 86_400_000L).total()).isLessThan(same.total());
    }

    @Test
    void storyStateSurvivesItsEncoding() {
        StoryState s = StoryState.start("a1", "x", "T", 5);
        s.add("a1", "x", "T", 5, new int[] {1, 2}, new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE), t -> 2.0));
        StoryState back = StoryState.decode(s.encode());
        assertThat(back.toStory()).isEqualTo(s.toStory());
        assertThat(back.centroid.ids).isEqualTo(s.centroid.ids);
        assertThat(back.centroid.weights).isEqualTo(s.centroid.weights);
        assertThat(back.names.ids).isEqualTo(s.names.ids);
        assertThat(back.members.get(0).minHash()).containsExactly(1, 2);
        Postings p = Postings.decode(null);
        p.add("s1", 10, 2);
        p.add("s2", 20, 2);
        p.add("s3", 30, 2);
        p.add("s2", 5, 2);
        assertThat(Postings.decode(p.encode()).entries).extracting(Postings.Entry::storyId).containsExactly("s3", "s2");
        assertThat(p.expire(25)).isTrue();
        assertThat(p.entries).extracting(Postings.Entry::storyId).containsExactly("s3");
    }
}
