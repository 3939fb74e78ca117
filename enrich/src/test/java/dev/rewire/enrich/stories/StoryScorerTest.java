package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class StoryScorerTest {

    private static final long HORIZON = 7 * 86_400_000L;
    private static final ToDoubleFunction<String> FLAT_IDF = t -> 1.0;

    private static StoryState bridgeStory() {
        StoryState s = StoryState.start("a1", "ledger.example", null, 0);
        s.add("a1", "ledger.example", null, 0, new int[0],
                new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE), FLAT_IDF));
        return s;
    }

    private static String withoutNumberWords(String text) {
        return text.replace("two cables", "some cables").replace("six weeks", "coming weeks");
    }

    @Test
    void anArticleWithoutNumbersIsScoredOnTheOtherSignalsAlone() {
        String noDigits = withoutNumberWords(StoryTexts.BRIDGE_REWRITE).replaceAll("[0-9]+", "several");
        ArticleVector v = new ArticleVector(Fingerprinter.of(null, noDigits), FLAT_IDF);
        assertThat(v.numbers.size()).isZero();

        var s = StoryScorer.score(v, bridgeStory(), 0, HORIZON);

        double others = StoryScorer.W_CENTROID + StoryScorer.W_NAMES + StoryScorer.W_PROTAGONISTS;
        double expected = (StoryScorer.W_CENTROID * s.centroid() + StoryScorer.W_NAMES * s.names()
                + StoryScorer.W_PROTAGONISTS * s.protagonists()) / others;
        assertThat(s.numbers()).isZero();
        assertThat(s.total()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void numbersTheStoryDoesNotHaveCountAgainstTheArticle() {
        ArticleVector unshared = new ArticleVector(Fingerprinter.of(null,
                withoutNumberWords(StoryTexts.BRIDGE_REWRITE).replaceAll("[0-9]+", "9731")), FLAT_IDF);
        assertThat(unshared.numbers.size()).isPositive();

        var s = StoryScorer.score(unshared, bridgeStory(), 0, HORIZON);

        assertThat(s.numbers()).isZero();
        assertThat(s.total()).isCloseTo(StoryScorer.W_CENTROID * s.centroid() + StoryScorer.W_NAMES * s.names()
                + StoryScorer.W_PROTAGONISTS * s.protagonists(), within(1e-9));
    }

    @Test
    void anArticleWithoutNamesIsScoredOnTermsAndNumbersAlone() {
        // a text in lower case throughout (a caption, a transcript): the extractor finds no names in it
        ArticleVector v = new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE_REWRITE.toLowerCase()), FLAT_IDF);
        assertThat(v.names.size()).isZero();
        assertThat(v.numbers.size()).isPositive();

        var s = StoryScorer.score(v, bridgeStory(), 0, HORIZON);

        assertThat(s.names()).isZero();
        assertThat(s.total()).isPositive().isCloseTo((StoryScorer.W_CENTROID * s.centroid()
                + StoryScorer.W_NUMBERS * s.numbers()) / (StoryScorer.W_CENTROID + StoryScorer.W_NUMBERS), within(1e-9));
    }

    @Test
    void namesTheStoryDoesNotHaveCountAgainstTheArticle() {
        ArticleVector v = new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE_REWRITE
                + "\nIn Ostrava the engineers Yvonne Marchetti and Karel Dufresne disagreed."), FLAT_IDF);
        ArticleVector alone = new ArticleVector(Fingerprinter.of(null,
                "In Ostrava the engineers Yvonne Marchetti and Karel Dufresne disagreed."), FLAT_IDF);
        assertThat(alone.names.size()).isPositive();

        var s = StoryScorer.score(alone, bridgeStory(), 0, HORIZON);

        assertThat(s.names()).isZero();
        double all = StoryScorer.W_CENTROID + StoryScorer.W_NAMES + StoryScorer.W_PROTAGONISTS;
        assertThat(s.total()).isCloseTo((StoryScorer.W_CENTROID * s.centroid()) / all, within(1e-9));
        assertThat(StoryScorer.score(v, bridgeStory(), 0, HORIZON).names()).isPositive();
    }

    @Test
    void aStoryWithoutNumbersScoresAnArticleOnTheOtherSignalsAlone() {
        String noDigits = withoutNumberWords(StoryTexts.BRIDGE).replaceAll("[0-9]+", "several");
        StoryState story = StoryState.start("a1", "ledger.example", null, 0);
        story.add("a1", "ledger.example", null, 0, new int[0], new ArticleVector(Fingerprinter.of(null, noDigits), FLAT_IDF));
        assertThat(story.numbers.size()).isZero();
        ArticleVector v = new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE_REWRITE), FLAT_IDF);
        assertThat(v.numbers.size()).isPositive();

        var s = StoryScorer.score(v, story, 0, HORIZON);

        double others = StoryScorer.W_CENTROID + StoryScorer.W_NAMES + StoryScorer.W_PROTAGONISTS;
        assertThat(s.total()).isCloseTo((StoryScorer.W_CENTROID * s.centroid() + StoryScorer.W_NAMES * s.names()
                + StoryScorer.W_PROTAGONISTS * s.protagonists()) / others, within(1e-9));
    }
}
