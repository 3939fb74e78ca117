package dev.rewire.enrich.stories;

import dev.rewire.enrich.bench.CleaningBenchmark;
import dev.rewire.enrich.clean.ArticleCleaner;
import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The story stage's hot code on one thread, next to plain Jsoup {@code parse(html).text()} of the same pages
 * in the same run: {@code fingerprint} ({@link Fingerprinter#of}: exact hash, MinHash, terms, names, numbers
 * of one cleaned article) and {@code score} ({@link StoryScorer#score}: one article's vector against one
 * story of six members, the similarity computed for every candidate). One operation is one article (or one
 * article-story pair), taken in turn, so ops/s is articles/s. The articles are the benchmark pages of
 * {@link CleaningBenchmark#pages()} cleaned once at set-up; the stories are groups of six other articles
 * (the similarity's cost depends on the sizes of the vectors, not on whether they match), with document
 * frequencies counted over all the articles. Run command and figures: {@code docs/benchmarks.md} (Stories).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g", "-Xss8m"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class FingerprintBenchmark {

    private static final int STORY_SIZE = 6;
    private static final long HORIZON = 7 * 86_400_000L;

    private final List<String> htmls = new ArrayList<>();
    private final List<CleanArticle> articles = new ArrayList<>();
    private final List<ArticleVector> vectors = new ArrayList<>();
    private final List<StoryState> stories = new ArrayList<>();
    private int next;

    @Setup
    public void load() throws IOException, URISyntaxException {
        ArticleCleaner cleaner = CleaningBenchmark.cleaner();
        for (RawArticle page : CleaningBenchmark.pages()) {
            CleanOutcome out = cleaner.clean("k", Json.mapper().writeValueAsBytes(page), 0L);
            if (out.article() != null) {
                htmls.add(page.body());
                articles.add(out.article());
            }
        }
        List<Fingerprint> fps = articles.stream().map(Fingerprinter::of).toList();
        Map<String, Integer> df = new HashMap<>();
        fps.forEach(fp -> fp.terms().keySet().forEach(t -> df.merge(t, 1, Integer::sum)));
        double docs = fps.size();
        for (Fingerprint fp : fps) {
            vectors.add(new ArticleVector(fp, t -> Math.log((docs + 1) / (df.getOrDefault(t, 0) + 1.0)) + 1));
        }
        for (int s = 0; s + STORY_SIZE <= fps.size(); s += STORY_SIZE) {
            StoryState story = StoryState.start("s" + s, "outlet", "title", 0L);
            for (int m = s; m < s + STORY_SIZE; m++) {
                story.add("a" + m, "outlet" + m, "title", 0L, fps.get(m).minHash(), vectors.get(m));
            }
            stories.add(story);
        }
        System.out.println(articles.size() + " articles, " + stories.size() + " stories of " + STORY_SIZE);
    }

    /** One cleaned article's fingerprint. */
    @Benchmark
    public Fingerprint fingerprint() {
        return Fingerprinter.of(articles.get(next++ % articles.size()));
    }

    /** One article scored against one story (a story other than the article's own, in turn). */
    @Benchmark
    public StoryScorer.Score score() {
        int i = next++;
        return StoryScorer.score(vectors.get(i % vectors.size()), stories.get((i / 7) % stories.size()), 0L, HORIZON);
    }

    /** The floor of any page's processing: Jsoup parse and whole-document text of the article's page. */
    @Benchmark
    public String jsoupParseText() {
        return Jsoup.parse(htmls.get(next++ % htmls.size())).text();
    }
}
