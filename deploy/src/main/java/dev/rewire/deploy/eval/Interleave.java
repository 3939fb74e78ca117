package dev.rewire.deploy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rewire.model.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a stream with a few articles spread through it: the seed files placed evenly among the lines of
 * another interchange JSONL (after lines n/(k+1), 2n/(k+1), …), each taking the {@code publishedAt} of the
 * line before it so it arrives inside that stream's time span. Exists to check that a story stays one
 * story, and attracts nothing else, when it is surrounded by unrelated and same-kind news. A seed line
 * carries the file's URI as {@code url} and its base name as {@code outlet}, as a directory replay would.
 */
public final class Interleave {

    private Interleave() {
    }

    /** Writes {@code stream}'s lines with {@code files} spread among them to {@code out}. */
    public static void write(Path stream, List<Path> files, Path out) throws IOException {
        List<String> lines = Files.readAllLines(stream, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        int k = files.size();
        int next = 0;
        String lastPublished = null;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                w.write(line);
                w.newLine();
                JsonNode node = Json.mapper().readTree(line);
                if (node.hasNonNull("publishedAt")) {
                    lastPublished = node.get("publishedAt").asText();
                }
                while (next < k && i + 1 >= (long) (next + 1) * lines.size() / (k + 1)) {
                    w.write(seedLine(files.get(next++), lastPublished));
                    w.newLine();
                }
            }
            while (next < k) {
                w.write(seedLine(files.get(next++), lastPublished));
                w.newLine();
            }
        }
    }

    private static String seedLine(Path file, String publishedAt) throws IOException {
        String name = file.getFileName().toString();
        ObjectNode seed = Json.mapper().createObjectNode();
        seed.put("url", file.toAbsolutePath().normalize().toUri().toString());
        seed.put("outlet", name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name);
        seed.put(name.endsWith(".txt") ? "text" : "html", Files.readString(file, StandardCharsets.UTF_8));
        if (publishedAt != null) {
            seed.put("publishedAt", publishedAt);
        }
        return Json.mapper().writeValueAsString(seed);
    }
}
