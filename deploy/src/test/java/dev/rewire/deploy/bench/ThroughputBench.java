package dev.rewire.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * The two halves of {@code bench/throughput.sh} that are not the pipeline itself: building the input (the
 * given interchange files' pages repeated, each copy under its own URL, so the pipeline sees distinct
 * articles) and the baseline measured in the same run, plain Jsoup {@code parse(html).text()} of the same
 * pages on one thread, so the end-to-end figure can be reported as a ratio on a noisy machine.
 *
 * <pre>
 * ThroughputBench input OUT.jsonl COPIES IN.jsonl...   writes the repeated input, prints its page count
 * ThroughputBench jsoup IN.jsonl                       prints pages/s of Jsoup parse + text() (best of 3 passes)
 * </pre>
 */
public final class ThroughputBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ThroughputBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("input")) {
            List<Path> inputs = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                inputs.add(Path.of(args[i]));
            }
            System.out.println(input(Path.of(args[1]), Integer.parseInt(args[2]), inputs));
        } else if (args.length == 2 && args[0].equals("jsoup")) {
            System.out.printf(Locale.ROOT, "%.1f%n", jsoupPagesPerSecond(Path.of(args[1])));
        } else {
            System.err.println("usage: ThroughputBench input OUT.jsonl COPIES IN.jsonl... | jsoup IN.jsonl");
            System.exit(2);
        }
    }

    /** Writes every page of {@code inputs} {@code copies} times, copy k under its own URL; returns the count. */
    static long input(Path out, int copies, List<Path> inputs) throws IOException {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int k = 0; k < copies; k++) {
                for (Path in : inputs) {
                    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            if (line.isBlank()) {
                                continue;
                            }
                            ObjectNode page = (ObjectNode) JSON.readTree(line);
                            page.put("url", copyUrl(page.path("url").asText(), k));
                            w.write(JSON.writeValueAsString(page));
                            w.newLine();
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    /** {@code url} with a {@code copy=k} query parameter (fragments are dropped by URL normalisation). */
    static String copyUrl(String url, int k) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        return base + (base.contains("?") ? "&" : "?") + "copy=" + k;
    }

    /**
     * Pages per second of Jsoup parse + text() over the pages of {@code in}, best of three passes, one thread.
     * The file is streamed (a large input does not fit in memory) and only the parsing is timed.
     */
    static double jsoupPagesPerSecond(Path in) throws IOException {
        double best = 0;
        long sink = 0;
        for (int pass = 0; pass < 3; pass++) {
            long parsing = 0;
            long pages = 0;
            try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode page = line.isBlank() ? null : JSON.readTree(line);
                    if (page == null || !page.hasNonNull("html")) {
                        continue;
                    }
                    String html = page.get("html").asText();
                    long start = System.nanoTime();
                    sink += Jsoup.parse(html).text().length();
                    parsing += System.nanoTime() - start;
                    pages++;
                }
            }
            best = Math.max(best, pages / (parsing / 1e9));
        }
        if (sink < 0) {
            System.err.println(sink);  // keeps the work observable
        }
        return best;
    }
}
