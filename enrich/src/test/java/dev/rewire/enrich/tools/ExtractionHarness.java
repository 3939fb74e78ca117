package dev.rewire.enrich.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.enrich.extract.ArticleExtractor;
import dev.rewire.enrich.extract.Extraction;
import dev.rewire.enrich.extract.Extractors;
import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Development tool, not a test: runs the extractor directly (no broker) over an extraction benchmark set in
 * the interchange format and prints both metrics of {@code ../shared/bench/README.md} plus the worst pages.
 * The figures of record come from the pipeline ({@code rewire eval extraction}); this is the fast loop.
 *
 * <pre>
 * java -cp enrich/target/classes:enrich/target/test-classes:$(cat cp) dev.rewire.enrich.tools.ExtractionHarness \
 *     ../shared/bench/extraction/scrapinghub-dev [worst-count] [dump-dir]
 * </pre>
 */
public final class ExtractionHarness {

    private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private ExtractionHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path set = Path.of(args[0]);
        int worst = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dump = args.length > 2 ? Path.of(args[2]) : null;
        List<JsonNode> inputs = read(set.resolve("input.jsonl"));
        List<JsonNode> truths = read(set.resolve("truth.jsonl"));
        ArticleExtractor extractor = Extractors.defaults();
        List<double[]> sh = new ArrayList<>();
        List<double[]> wc = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        long nanos = 0;
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode in = inputs.get(i);
            boolean html = in.has("html");
            String body = html ? in.get("html").asText() : in.get("text").asText();
            RawArticle raw = new RawArticle(1, "h" + i, in.get("url").asText(), null,
                    in.has("outlet") ? in.get("outlet").asText() : null, Instant.EPOCH,
                    html ? RawArticle.HTML : "text/plain", body, "jsonl", null, null, false);
            long t0 = System.nanoTime();
            String text;
            try {
                Extraction e = extractor.extract(raw);
                text = e.text();
            } catch (RuntimeException e) {
                text = "";
                System.out.println("FAIL " + in.get("url").asText() + " " + e);
            }
            long took = System.nanoTime() - t0;
            nanos += took;
            if (took > 200_000_000L) {
                System.out.printf("SLOW %d ms %s (%d chars)%n", took / 1_000_000, in.get("url").asText(), body.length());
            }
            String truth = truths.get(i).get("text").asText();
            double[] s = scrapinghub(truth, text);
            double[] w = wcxb(truth, text);
            if (dump != null && i == 0) {
                Files.deleteIfExists(dump.resolve("scores.tsv"));
            }
            sh.add(s);
            wc.add(w);
            rows.add(new Object[] {i, in.get("url").asText(), s, w});
            if (dump != null) {
                Files.createDirectories(dump);
                Files.writeString(dump.resolve(i + ".pred.txt"), text);
                Files.writeString(dump.resolve(i + ".truth.txt"), truth);
                Files.writeString(dump.resolve("scores.tsv"), String.format("%d\t%.3f\t%.3f\t%.3f\t%s%n", i,
                        w[0], w[1], w[2], in.get("url").asText()), java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
        double p = sh.stream().filter(x -> x[0] >= 0).mapToDouble(x -> x[0]).average().orElse(0);
        double r = sh.stream().filter(x -> x[1] >= 0).mapToDouble(x -> x[1]).average().orElse(0);
        System.out.printf("scrapinghub f1=%.4f precision=%.4f recall=%.4f%n", 2 * p * r / (p + r), p, r);
        System.out.printf("wcxb        f1=%.4f precision=%.4f recall=%.4f%n",
                wc.stream().mapToDouble(x -> x[2]).average().orElse(0),
                wc.stream().mapToDouble(x -> x[0]).average().orElse(0),
                wc.stream().mapToDouble(x -> x[1]).average().orElse(0));
        System.out.printf("pages=%d  %.1f pages/s%n", inputs.size(), inputs.size() / (nanos / 1e9));
        rows.sort(Comparator.comparingDouble(o -> ((double[]) o[3])[2]));
        for (int k = 0; k < Math.min(worst, rows.size()); k++) {
            Object[] o = rows.get(k);
            double[] w = (double[]) o[3];
            System.out.printf("%4d wcxb P=%.2f R=%.2f F=%.2f  %s%n", (int) o[0], w[0], w[1], w[2], o[1]);
        }
    }

    static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(Json.mapper().readTree(line));
                }
            }
        }
        return out;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** {precision or -1, recall or -1} as the benchmark's evaluate.py. */
    static double[] scrapinghub(String truth, String pred) {
        Map<String, Integer> t = shingles(truth);
        Map<String, Integer> p = shingles(pred);
        double tp = 0;
        double fp = 0;
        double fn = 0;
        java.util.Set<String> keys = new java.util.HashSet<>(t.keySet());
        keys.addAll(p.keySet());
        for (String k : keys) {
            int ct = t.getOrDefault(k, 0);
            int cp = p.getOrDefault(k, 0);
            tp += Math.min(ct, cp);
            fp += Math.max(0, cp - ct);
            fn += Math.max(0, ct - cp);
        }
        double s = tp + fp + fn;
        if (s > 0) {
            tp /= s;
            fp /= s;
            fn /= s;
        }
        double prec = fp == 0 && fn == 0 ? 1 : (tp == 0 && fp == 0 ? 0 : tp / (tp + fp));
        double rec = fp == 0 && fn == 0 ? 1 : (tp == 0 && fn == 0 ? 0 : tp / (tp + fn));
        return new double[] {tp + fp > 0 ? prec : -1, tp + fn > 0 ? rec : -1};
    }

    private static Map<String, Integer> shingles(String text) {
        List<String> toks = tokens(text);
        Map<String, Integer> c = new HashMap<>();
        for (int i = 0; i < Math.max(1, toks.size() - 3); i++) {
            List<String> sub = toks.subList(i, Math.min(toks.size(), i + 4));
            if (!sub.isEmpty()) {
                c.merge(String.join("\u0001", sub), 1, Integer::sum);
            }
        }
        return c;
    }

    static double[] wcxb(String truth, String pred) {
        List<String> t = tokens(truth.toLowerCase(java.util.Locale.ROOT));
        List<String> p = tokens(pred.toLowerCase(java.util.Locale.ROOT));
        if (t.isEmpty()) {
            return p.isEmpty() ? new double[] {1, 1, 1} : new double[] {0, 0, 0};
        }
        if (p.isEmpty()) {
            return new double[] {0, 0, 0};
        }
        Map<String, Integer> ct = new HashMap<>();
        t.forEach(x -> ct.merge(x, 1, Integer::sum));
        Map<String, Integer> cp = new HashMap<>();
        p.forEach(x -> cp.merge(x, 1, Integer::sum));
        int ov = 0;
        for (var e : cp.entrySet()) {
            ov += Math.min(e.getValue(), ct.getOrDefault(e.getKey(), 0));
        }
        double pr = (double) ov / p.size();
        double rc = (double) ov / t.size();
        return new double[] {pr, rc, pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0};
    }
}
