package dev.rewire.enrich.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.enrich.EnrichMetrics;
import dev.rewire.enrich.clean.ArticleCleaner;
import dev.rewire.enrich.clean.CleanOutcome;
import dev.rewire.enrich.extract.Extractors;
import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Throughput of the clean stage (record bytes → {@code ArticleCleaner} → clean article or rejection) on one
 * thread, next to plain Jsoup {@code parse(html).text()} on the same pages in the same run. One operation is
 * one page; pages are taken in turn, so ops/s is pages/s.
 *
 * <p>Pages: every HTML page of {@code ../shared/bench/extraction/*}/input.jsonl when that folder exists (the
 * {@code rewire.bench.pages} system property may point elsewhere), else the golden fixtures of the test
 * resources. Run command and figures: {@code docs/benchmarks.md}, section "Extraction (issue 4)".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g", "-Xss8m"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class CleaningBenchmark {

    private List<byte[]> records;
    private List<String> htmls;
    private ArticleCleaner cleaner;
    private int next;

    /**
     * The benchmark pages: every HTML page of {@code ../shared/bench/extraction/*}/input.jsonl (or of the
     * folder {@code rewire.bench.pages} names) when it exists, else the golden fixtures of the test resources.
     */
    public static List<RawArticle> pages() throws IOException, URISyntaxException {
        Path dir = Path.of(System.getProperty("rewire.bench.pages", "../shared/bench/extraction"));
        List<RawArticle> pages = Files.isDirectory(dir) ? fromBench(dir) : fromGolden();
        System.out.println("\n" + pages.size() + " pages from " + (Files.isDirectory(dir) ? dir : "golden fixtures"));
        return pages;
    }

    @Setup
    public void load() throws IOException, URISyntaxException {
        List<RawArticle> pages = pages();
        records = new ArrayList<>();
        htmls = new ArrayList<>();
        for (RawArticle page : pages) {
            records.add(Json.mapper().writeValueAsBytes(page));
            htmls.add(page.body());
        }
        cleaner = cleaner();
    }

    /** The clean stage's cleaner with the pipeline's defaults (no time budget). */
    public static ArticleCleaner cleaner() {
        return new ArticleCleaner(Extractors.defaults(), 10_000_000, 1, 0,
                new EnrichMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    private static List<RawArticle> fromBench(Path dir) throws IOException {
        List<RawArticle> out = new ArrayList<>();
        try (Stream<Path> sets = Files.list(dir)) {
            for (Path input : sets.map(d -> d.resolve("input.jsonl")).filter(Files::exists).sorted().toList()) {
                try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        JsonNode n = line.isBlank() ? null : Json.mapper().readTree(line);
                        if (n != null && n.hasNonNull("html")) {
                            out.add(page(n.get("url").asText(), n.get("html").asText()));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<RawArticle> fromGolden() throws IOException, URISyntaxException {
        Path golden = Path.of(CleaningBenchmark.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(golden)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().map(p -> {
                try {
                    return page("https://golden.example/" + p.getFileName(), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static RawArticle page(String url, String html) {
        return new RawArticle(1, "bench", url, null, null, Instant.EPOCH, RawArticle.HTML, html, "jsonl", null, null,
                false);
    }

    /** The clean stage on one page (JSON record in, outcome out). */
    @Benchmark
    public CleanOutcome cleanStage() {
        int i = next++ % records.size();
        return cleaner.clean("k", records.get(i), 0L);
    }

    /** The floor: Jsoup parse and whole-document text of the same page, no extraction at all. */
    @Benchmark
    public String jsoupParseText() {
        int i = next++ % htmls.size();
        return Jsoup.parse(htmls.get(i)).text();
    }
}
