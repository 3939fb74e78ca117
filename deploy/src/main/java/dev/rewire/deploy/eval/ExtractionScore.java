package dev.rewire.deploy.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores extracted article text against human-annotated truth, with the two benchmarks' own metrics.
 *
 * <ul>
 *   <li><b>scrapinghub</b>: bags of 4-token shingles ({@code \w+}, Unicode); per page tp/fp/fn normalised by
 *       their sum; precision averaged over pages with a non-empty prediction, recall over pages with a
 *       non-empty truth; a page with fp = fn = 0 scores 1; F1 = harmonic mean of the averages.</li>
 *   <li><b>wcxb</b>: lower-cased {@code \w+} token multisets; per-page precision, recall and F1, each averaged
 *       over pages; an empty prediction scores 0.</li>
 * </ul>
 */
public final class ExtractionScore {

    private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    /** The metric to compute. */
    public enum Metric { SCRAPINGHUB, WCXB }

    /** One page's scores (precision or recall may be null when the page does not count for it). */
    public record Page(String url, Double precision, Double recall, double f1) {
    }

    /** Aggregate scores and every page's. */
    public record Result(Metric metric, double f1, double precision, double recall, List<Page> pages, int missing) {

        /** The {@code n} pages with the lowest F1. */
        public List<Page> worst(int n) {
            return pages.stream().sorted(Comparator.comparingDouble(Page::f1)).limit(n).toList();
        }

        /** One line, like the reference scorer's. */
        public String summary() {
            return String.format(Locale.ROOT, "%s f1=%.4f precision=%.4f recall=%.4f pages=%d missing=%d",
                    metric.name().toLowerCase(java.util.Locale.ROOT), f1, precision, recall, pages.size(), missing);
        }
    }

    private ExtractionScore() {
    }

    /**
     * Scores {@code predicted} (URL → text) against {@code truth} (URL → text, in truth order). A truth page
     * without a prediction counts as an empty prediction.
     */
    public static Result score(Metric metric, Map<String, String> truth, Map<String, String> predicted) {
        List<Page> pages = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, String> e : truth.entrySet()) {
            if (!predicted.containsKey(e.getKey())) {
                missing++;
            }
            String pred = predicted.getOrDefault(e.getKey(), "");
            pages.add(metric == Metric.SCRAPINGHUB ? scrapinghub(e.getKey(), e.getValue(), pred)
                    : wcxb(e.getKey(), e.getValue(), pred));
        }
        double p;
        double r;
        double f;
        if (metric == Metric.SCRAPINGHUB) {
            p = pages.stream().filter(x -> x.precision() != null).mapToDouble(Page::precision).average().orElse(0);
            r = pages.stream().filter(x -> x.recall() != null).mapToDouble(Page::recall).average().orElse(0);
            f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        } else {
            p = pages.stream().mapToDouble(Page::precision).average().orElse(0);
            r = pages.stream().mapToDouble(Page::recall).average().orElse(0);
            f = pages.stream().mapToDouble(Page::f1).average().orElse(0);
        }
        return new Result(metric, f, p, r, pages, missing);
    }

    static List<String> tokens(String text, boolean lowerCase) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = TOKEN.matcher(lowerCase ? text.toLowerCase(java.util.Locale.ROOT) : text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static Map<List<String>, Integer> shingles(String text) {
        List<String> toks = tokens(text, false);
        Map<List<String>, Integer> bag = new HashMap<>();
        int n = 4;
        for (int i = 0; i < Math.max(1, toks.size() - n + 1); i++) {
            List<String> sh = toks.subList(i, Math.min(toks.size(), i + n));
            if (!sh.isEmpty()) {
                bag.merge(List.copyOf(sh), 1, Integer::sum);
            }
        }
        return bag;
    }

    static Page scrapinghub(String url, String truth, String pred) {
        Map<List<String>, Integer> t = shingles(truth);
        Map<List<String>, Integer> p = shingles(pred);
        Set<List<String>> keys = new HashSet<>(t.keySet());
        keys.addAll(p.keySet());
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (List<String> k : keys) {
            int ct = t.getOrDefault(k, 0);
            int cp = p.getOrDefault(k, 0);
            tp += Math.min(ct, cp);
            fp += Math.max(0, cp - ct);
            fn += Math.max(0, ct - cp);
        }
        double sum = tp + fp + fn;
        if (sum > 0) {
            tp /= sum;
            fp /= sum;
            fn /= sum;
        }
        double prec = fp == 0 && fn == 0 ? 1.0 : (tp == 0 && fp == 0 ? 0.0 : tp / (tp + fp));
        double rec = fp == 0 && fn == 0 ? 1.0 : (tp == 0 && fn == 0 ? 0.0 : tp / (tp + fn));
        Double precision = tp + fp > 0 ? prec : null;
        Double recall = tp + fn > 0 ? rec : null;
        double f1 = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
        return new Page(url, precision, recall, f1);
    }

    static Page wcxb(String url, String truth, String pred) {
        List<String> t = tokens(truth, true);
        List<String> p = tokens(pred, true);
        if (t.isEmpty()) {
            double v = p.isEmpty() ? 1.0 : 0.0;
            return new Page(url, v, v, v);
        }
        if (p.isEmpty()) {
            return new Page(url, 0.0, 0.0, 0.0);
        }
        Map<String, Integer> ct = new HashMap<>();
        t.forEach(x -> ct.merge(x, 1, Integer::sum));
        Map<String, Integer> cp = new HashMap<>();
        p.forEach(x -> cp.merge(x, 1, Integer::sum));
        long overlap = 0;
        for (Map.Entry<String, Integer> e : cp.entrySet()) {
            overlap += Math.min(e.getValue(), ct.getOrDefault(e.getKey(), 0));
        }
        double pr = (double) overlap / p.size();
        double rc = (double) overlap / t.size();
        return new Page(url, pr, rc, pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc));
    }
}
