package dev.rewire.deploy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a replay's output against a seed set's {@code expected.json}: for each seed file its title,
 * the furniture lines that must be gone ({@code mustRemove}: no body line may start with one), the
 * paragraphs that must stay ({@code mustKeep}: substrings of the body), no title repeated as the first body
 * line; and that all seeds form one story of their own (one {@code storyId}, which no other article of the
 * output carries). Exists so the seeds' promise (five rewrites in, one clean story of five out) is a gate
 * that CI runs, not a one-off look. Output articles are matched to seed files by the last segment of their
 * URL. Pure: reads parsed JSON, prints nothing.
 */
public final class SeedCheck {

    /** Problems found, per seed file ("MUST" problems fail the check, "should" ones only report). */
    public record Result(Map<String, List<String>> problems, int seeds, Set<String> storyIds, int storyMembers) {

        /** True when no seed has a MUST problem and the seeds are exactly one story of their own. */
        public boolean passed() {
            return problems.values().stream().flatMap(List::stream).noneMatch(p -> p.startsWith("MUST"))
                    && storyIds.size() == 1 && storyMembers == seeds;
        }

        /** One line: the story verdict. */
        public String storyLine() {
            return String.format("seeds: %d articles in %d stories; the seeds' story has %d members (%s)", seeds,
                    storyIds.size(), storyMembers,
                    storyIds.size() == 1 && storyMembers == seeds ? "one story of their own" : "NOT one story of their own");
        }
    }

    private SeedCheck() {
    }

    /**
     * @param expected the parsed {@code expected.json} (its {@code files} object: file name → expectations)
     * @param output   every CleanArticle of the replay (seeds and, when interleaved, the other stream)
     */
    public static Result check(JsonNode expected, List<JsonNode> output) {
        Map<String, JsonNode> byFile = new LinkedHashMap<>();
        for (JsonNode article : output) {
            String url = article.path("url").asText("");
            byFile.put(url.substring(url.lastIndexOf('/') + 1), article);
        }
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Set<String> storyIds = new LinkedHashSet<>();
        JsonNode files = expected.path("files");
        for (var it = files.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode article = byFile.get(e.getKey());
            List<String> found = new ArrayList<>();
            if (article == null) {
                found.add("MUST: missing from the output");
            } else {
                storyIds.add(article.path("storyId").asText(""));
                found.addAll(problemsOf(e.getValue(), article));
            }
            problems.put(e.getKey(), found);
        }
        int members = 0;
        if (storyIds.size() == 1) {
            String story = storyIds.iterator().next();
            for (JsonNode article : output) {
                if (story.equals(article.path("storyId").asText(null))) {
                    members++;
                }
            }
        }
        return new Result(problems, files.size(), storyIds, members);
    }

    private static List<String> problemsOf(JsonNode want, JsonNode article) {
        List<String> problems = new ArrayList<>();
        String text = article.path("text").asText("");
        String title = article.path("title").isNull() || article.path("title").isMissingNode() ? null
                : article.path("title").asText();
        List<String> lines = Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!want.path("title").isNull() && !want.path("title").isMissingNode()
                && !want.path("title").asText().equals(title)) {
            problems.add("MUST: title is " + title + ", expected " + want.path("title").asText());
        }
        want.path("mustRemove").forEach(s -> {
            if (lines.stream().anyMatch(l -> l.startsWith(s.asText()))) {
                problems.add("MUST: remove \"" + s.asText() + "\"");
            }
        });
        want.path("shouldRemove").forEach(s -> {
            if (lines.stream().anyMatch(l -> l.startsWith(s.asText()))) {
                problems.add("should: remove \"" + s.asText() + "\"");
            }
        });
        want.path("mustKeep").forEach(s -> {
            if (!text.contains(s.asText())) {
                problems.add("MUST: keep \"" + s.asText() + "\"");
            }
        });
        if (title != null && !lines.isEmpty() && lines.get(0).equals(title.strip())) {
            problems.add("MUST: the title is repeated as the first body line");
        }
        return problems;
    }
}
