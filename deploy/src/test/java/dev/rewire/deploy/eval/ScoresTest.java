package dev.rewire.deploy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorers against hand-computed values of the benchmarks' definitions. */
class ScoresTest {

    @Test
    void scrapinghubPerfectAndPartialPages() {
        Map<String, String> truth = new LinkedHashMap<>();
        truth.put("a", "one two three four five");
        truth.put("b", "alpha beta gamma delta");
        Map<String, String> pred = Map.of("a", "one two three four five", "b", "alpha beta gamma delta epsilon");
        ExtractionScore.Result r = ExtractionScore.score(ExtractionScore.Metric.SCRAPINGHUB, truth, pred);
        // page b: truth shingles {abgd}, predicted {abgd, bgde}: tp=1, fp=1, fn=0 → normalised 1/2, 1/2, 0
        assertThat(r.precision()).isCloseTo((1.0 + 0.5) / 2, within(1e-9));
        assertThat(r.recall()).isCloseTo(1.0, within(1e-9));
        assertThat(r.f1()).isCloseTo(2 * 0.75 / 1.75, within(1e-9));
        assertThat(r.worst(1).get(0).url()).isEqualTo("b");
    }

    @Test
    void scrapinghubMissingPredictionCountsForRecallOnly() {
        Map<String, String> truth = Map.of("a", "one two three four five");
        ExtractionScore.Result r = ExtractionScore.score(ExtractionScore.Metric.SCRAPINGHUB, truth, Map.of());
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.recall()).isZero();
        assertThat(r.pages().get(0).precision()).isNull();
    }

    @Test
    void wcxbIsTokenMultisetOverlapCaseInsensitive() {
        Map<String, String> truth = Map.of("a", "The cat sat on the mat");
        Map<String, String> pred = Map.of("a", "the CAT sat. Share this!");
        ExtractionScore.Result r = ExtractionScore.score(ExtractionScore.Metric.WCXB, truth, pred);
        // pred tokens: the cat sat share this (5); overlap: the cat sat (3); truth 6 tokens
        assertThat(r.precision()).isCloseTo(3.0 / 5, within(1e-9));
        assertThat(r.recall()).isCloseTo(3.0 / 6, within(1e-9));
        assertThat(r.f1()).isCloseTo(2 * 0.6 * 0.5 / 1.1, within(1e-9));
    }

    @Test
    void bcubedAndPairwise() {
        Map<String, String> gold = new LinkedHashMap<>();
        gold.put("a", "X");
        gold.put("b", "X");
        gold.put("c", "Y");
        Map<String, String> pred = Map.of("a", "1", "b", "2", "c", "2");
        StoryScore.Result r = StoryScore.score(gold, pred);
        // B-cubed precision: a 1/1, b 1/2, c 1/2 → 2/3; recall: a 1/2, b 1/2, c 1/1 → 2/3
        assertThat(r.bcubedP()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.bcubedR()).isCloseTo(2.0 / 3, within(1e-9));
        // pairs: predicted {b,c} wrong; gold {a,b} missed
        assertThat(r.pairP()).isZero();
        assertThat(r.pairR()).isZero();
        assertThat(r.worstMerges()).hasSize(1);
        assertThat(r.worstSplits()).hasSize(1);
    }

    @Test
    void worstMergeIsTheOneWithMostWrongPairs() {
        Map<String, String> gold = new LinkedHashMap<>();
        Map<String, String> pred = new LinkedHashMap<>();
        // story "big": 5 of X and one intruder of Y (5 wrong pairs); story "even": 3 of Z and 3 of W (9 wrong pairs)
        for (int i = 0; i < 5; i++) {
            gold.put("x" + i, "X");
            pred.put("x" + i, "big");
        }
        gold.put("y0", "Y");
        pred.put("y0", "big");
        for (int i = 0; i < 3; i++) {
            gold.put("z" + i, "Z");
            pred.put("z" + i, "even");
            gold.put("w" + i, "W");
            pred.put("w" + i, "even");
        }
        StoryScore.Result r = StoryScore.score(gold, pred);
        assertThat(r.worstMerges()).hasSize(2);
        assertThat(r.worstMerges().get(0)).startsWith("predicted story even: 6 articles in 2 parts, 9 pairs across them");
        assertThat(r.worstMerges().get(1)).startsWith("predicted story big: 6 articles in 2 parts, 5 pairs across them");
        assertThat(r.worstSplits()).isEmpty();
    }

    @Test
    void anEmptyTruthOrAnArticleWithoutClusterIsAnErrorNotNaN() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoryScore.score(Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no articles");
        Map<String, String> gold = new LinkedHashMap<>();
        gold.put("a", "X");
        gold.put("b", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoryScore.score(gold, Map.of("a", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no cluster for b");
    }

    @Test
    void unassignedArticlesAreSingletons() {
        Map<String, String> gold = Map.of("a", "X", "b", "X");
        StoryScore.Result r = StoryScore.score(gold, Map.of("a", "1"));
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.predictedStories()).isEqualTo(2);
        assertThat(r.bcubedP()).isEqualTo(1.0);
        assertThat(r.bcubedR()).isCloseTo(0.5, within(1e-9));
    }
}
