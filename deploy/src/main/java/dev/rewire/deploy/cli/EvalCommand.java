package dev.rewire.deploy.cli;

import dev.rewire.deploy.eval.ExtractionScore;
import dev.rewire.deploy.eval.Interleave;
import dev.rewire.deploy.eval.SeedCheck;
import dev.rewire.deploy.eval.StoryScore;
import dev.rewire.deploy.pipeline.Replay;
import dev.rewire.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rewire eval extraction|stories|seeds}: measures the pipeline's own output against labelled data.
 * Runs a real replay of {@code --input} (or scores an existing output given with {@code --predictions}),
 * then prints the benchmark's metrics and where it goes wrong. With {@code --min-f1} it is a regression
 * gate: exit 1 when F1 falls below the floor. {@code seeds} checks a seed set's {@code expected.json} and
 * that its rewrites form one story, alone or interleaved into another stream; it exits 1 when they do not.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure extraction or story grouping against labelled data, or check the seeds.",
            "See docs/benchmarks.md.",
            "Exit 1 when a gate fails (--min-f1, or seeds not met)."},
        subcommands = {EvalCommand.Extraction.class, EvalCommand.Stories.class, EvalCommand.Seeds.class})
public final class EvalCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Options shared by both evaluations. */
    abstract static class EvalBase implements Callable<Integer> {

        @Option(names = "--input", paramLabel = "FILE", description = "Input to replay (interchange JSONL, a directory or a WARC).")
        Path input;

        @Option(names = "--truth", required = true, paramLabel = "FILE", description = "The truth JSONL (same order as the input).")
        Path truth;

        @Mixin
        ReplayOutput output;

        @Option(names = "--min-f1", paramLabel = "F", description = "Exit 1 when F1 is below this floor (a CI gate).")
        Double minF1;

        @Option(names = "--worst", paramLabel = "N", defaultValue = "10", description = "How many worst cases to list (default ${DEFAULT-VALUE}).")
        int worst;

        @Mixin
        CommonOptions common;

        /**
         * Replays the input (unless predictions are given) and returns the output file. Checks the files
         * first, so a wrong path fails at once (exit 2) rather than after a long replay.
         */
        Path predictionsFile() throws Exception {
            if (output.predictions == null && input == null) {
                throw new IllegalArgumentException("give --input to replay, or --predictions to score an existing output");
            }
            requireFile("truth", truth);
            if (minF1 != null && !(minF1 >= 0 && minF1 <= 1)) {
                throw new IllegalArgumentException("--min-f1 must lie between 0 and 1, was " + minF1);
            }
            output.requireFiles();
            return output.file(common, input);
        }

        int gate(double f1) {
            if (minF1 != null && f1 < minF1) {
                System.out.printf(Locale.ROOT, "FAIL: F1 %.6f is below the floor %s%n", f1, minF1);
                return RewireCli.EXIT_FAILURE;
            }
            if (minF1 != null) {
                System.out.printf(Locale.ROOT, "ok: F1 %.4f >= floor %.4f%n", f1, minF1);
            }
            return 0;
        }
    }

    /** {@code rewire eval extraction}. */
    @Command(name = "extraction", mixinStandardHelpOptions = true,
            description = "Main-content extraction: F1, precision, recall (scrapinghub or wcxb metric) and the worst pages.")
    static final class Extraction extends EvalBase {

        @Option(names = "--metric", defaultValue = "scrapinghub", paramLabel = "M",
                description = "scrapinghub | wcxb (default ${DEFAULT-VALUE})")
        String metric;

        @Override
        public Integer call() throws Exception {
            ExtractionScore.Metric m = metric(metric);
            Path file = predictionsFile();
            Map<String, String> truthText = readField(truth, "url", "text");
            Map<String, String> predicted = readField(file, "url", "text");
            ExtractionScore.Result r = ExtractionScore.score(m, truthText, predicted);
            System.out.println(r.summary());
            System.out.println("worst pages:");
            for (ExtractionScore.Page p : r.worst(worst)) {
                System.out.printf(Locale.ROOT, "  f1=%.3f p=%s r=%s  %s%n", p.f1(), fmt(p.precision()), fmt(p.recall()), p.url());
            }
            return gate(r.f1());
        }

        /** The metric named {@code name}; an unknown name is a usage error that lists the valid ones. */
        static ExtractionScore.Metric metric(String name) {
            for (ExtractionScore.Metric m : ExtractionScore.Metric.values()) {
                if (m.name().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--metric '" + name + "' is not one of: " + Arrays.stream(
                    ExtractionScore.Metric.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }

        private static String fmt(Double d) {
            return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
        }
    }

    /** {@code rewire eval stories}. */
    @Command(name = "stories", mixinStandardHelpOptions = true,
            description = "Story grouping: B-cubed and pairwise precision/recall/F1, the worst merges and splits.")
    static final class Stories extends EvalBase {

        @Override
        public Integer call() throws Exception {
            Path file = predictionsFile();
            Map<String, String> gold = readField(truth, "url", "cluster");
            Map<String, String> predicted = readField(file, "url", "storyId");
            StoryScore.Result r = StoryScore.score(gold, predicted);
            System.out.println(r.summary());
            System.out.println("worst merges:");
            r.worstMerges().stream().limit(worst).forEach(s -> System.out.println("  " + s));
            System.out.println("worst splits:");
            r.worstSplits().stream().limit(worst).forEach(s -> System.out.println("  " + s));
            return gate(r.bcubedF1());
        }
    }

    /** Where an evaluation's articles come from: an existing output, or a replay kept (or not) in a file. */
    static final class ReplayOutput {

        @Option(names = "--predictions", paramLabel = "FILE",
                description = "Score this existing CleanArticle JSONL instead of replaying.")
        Path predictions;

        @Option(names = "--out", paramLabel = "FILE", description = "Keep the replay's output here.")
        Path out;

        /** Fails (exit 2) when {@code --predictions} names no file. */
        void requireFiles() {
            if (predictions != null) {
                requireFile("predictions", predictions);
            }
        }

        /** {@code --predictions}, or the output of a replay of {@code input} (printing its summary). */
        Path file(CommonOptions common, Path input) throws Exception {
            if (predictions != null) {
                return predictions;
            }
            Path file = out != null ? out : temporary("rewire-eval-");
            Replay.Result r = ReplayCommand.replay(common, List.of(input), file, true);
            System.out.println("replay: " + r.summary()
                    + String.format(Locale.ROOT, " in %.1f s", r.elapsed().toMillis() / 1000.0));
            return file;
        }
    }

    /** A temporary JSONL file, deleted when the command's JVM exits (a replay's output is tens of MB). */
    static Path temporary(String prefix) throws IOException {
        Path file = Files.createTempFile(prefix, ".jsonl");
        file.toFile().deleteOnExit();
        return file;
    }

    /** {@code rewire eval seeds}. */
    @Command(name = "seeds", mixinStandardHelpOptions = true,
            description = "Seed rewrites: expected titles, furniture removed, paragraphs kept, one story of their own.")
    static final class Seeds implements Callable<Integer> {

        @Option(names = "--seeds", required = true, paramLabel = "DIR",
                description = "The seed files (.txt/.html) and their expected.json.")
        Path seeds;

        @Option(names = "--expected", paramLabel = "FILE", description = "Expectations (default DIR/expected.json).")
        Path expected;

        @Option(names = "--interleave", paramLabel = "FILE",
                description = "Spread the seeds through this interchange JSONL stream and replay it all.")
        Path interleave;

        @Mixin
        ReplayOutput output;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(seeds)) {
                throw new IllegalArgumentException("seeds directory not found: " + seeds);
            }
            Path expectedFile = expected != null ? expected : seeds.resolve("expected.json");
            requireFile("expected", expectedFile);
            output.requireFiles();
            if (interleave != null && output.predictions == null) {
                requireFile("interleave", interleave);
            }
            JsonNode want = Json.mapper().readTree(expectedFile.toFile());
            Path input = seeds;
            if (output.predictions == null && interleave != null) {
                List<Path> files = new ArrayList<>();
                for (var it = want.path("files").fieldNames(); it.hasNext(); ) {
                    files.add(seeds.resolve(it.next()));
                }
                input = temporary("rewire-seeds-interleaved-");
                Interleave.write(interleave, files, input);
                System.out.println("interleaved " + files.size() + " seeds into " + interleave);
            }
            Path file = output.file(common, input);
            List<JsonNode> articles = new ArrayList<>();
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (!line.isBlank()) {
                        articles.add(Json.mapper().readTree(line));
                    }
                }
            }
            SeedCheck.Result r = SeedCheck.check(want, articles);
            r.problems().forEach((name, problems) ->
                    System.out.println("  " + name + " " + (problems.isEmpty() ? "OK" : problems)));
            System.out.println(r.storyLine());
            System.out.println(r.passed() ? "ok: the seeds meet their expectations" : "FAIL: the seeds do not meet their expectations");
            return r.passed() ? 0 : RewireCli.EXIT_FAILURE;
        }
    }

    /** Fails (exit 2) with "WHAT file not found: PATH" unless {@code file} is an existing regular file. */
    static void requireFile(String what, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " file not found: " + file);
        }
    }

    /** {@code key → value} of every JSON line of {@code file}, in file order. */
    static Map<String, String> readField(Path file, String key, String value) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.mapper().readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + n + " is not JSON: " + e.getMessage(), e);
                }
                JsonNode k = node.get(key);
                JsonNode v = node.get(value);
                if (k != null && !k.isNull()) {
                    out.put(k.asText(), v == null || v.isNull() ? null : v.asText());
                }
            }
        }
        return out;
    }
}
