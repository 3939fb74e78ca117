package dev.rewire.deploy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCheckTest {

    private static final String EXPECTED = """
            {"files": {
              "a.txt": {"title": "Harbour crane toppled by storm", "mustRemove": ["Share this story"],
                        "mustKeep": ["The crane fell across the quay"]},
              "b.txt": {"title": null, "mustRemove": [], "mustKeep": ["crane operators"],
                        "shouldRemove": ["Read more"]}
            }}""";

    private static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    private static JsonNode article(String file, String story, String title, String text) throws Exception {
        var node = Json.mapper().createObjectNode();
        node.put("url", "file:///seeds/" + file);
        node.put("storyId", story);
        node.put("title", title);
        node.put("text", text);
        return node;
    }

    @Test
    void cleanSeedsInOneStoryOfTheirOwnPass() throws Exception {
        var r = SeedCheck.check(json(EXPECTED), List.of(
                article("a.txt", "s1", "Harbour crane toppled by storm", "The crane fell across the quay at dawn."),
                article("b.txt", "s1", null, "Port staff said crane operators had left.\n\nRead more"),
                article("other", "s2", "Unrelated", "Something else.")));
        assertThat(r.passed()).isTrue();
        assertThat(r.storyMembers()).isEqualTo(2);
        assertThat(r.problems().get("b.txt")).containsExactly("should: remove \"Read more\"");
    }

    @Test
    void furnitureLeftAWrongTitleOrALostParagraphFail() throws Exception {
        var r = SeedCheck.check(json(EXPECTED), List.of(
                article("a.txt", "s1", "Harbour crane toppled by storm | The Quay Times",
                        "Harbour crane toppled by storm | The Quay Times\n\nShare this story"),
                article("b.txt", "s1", null, "Port staff said operators had left.")));
        assertThat(r.passed()).isFalse();
        assertThat(r.problems().get("a.txt")).hasSize(4).anyMatch(p -> p.contains("title is"))
                .anyMatch(p -> p.contains("remove \"Share this story\""))
                .anyMatch(p -> p.contains("keep \"The crane fell"))
                .anyMatch(p -> p.contains("repeated as the first body line"));
        assertThat(r.problems().get("b.txt")).containsExactly("MUST: keep \"crane operators\"");
    }

    @Test
    void seedsSplitOverStoriesOrJoinedByAnotherArticleFail() throws Exception {
        var split = SeedCheck.check(json(EXPECTED), List.of(
                article("a.txt", "s1", "Harbour crane toppled by storm", "The crane fell across the quay."),
                article("b.txt", "s2", null, "The crane operators had left.")));
        assertThat(split.passed()).isFalse();
        assertThat(split.storyLine()).contains("2 stories").contains("NOT one story");

        var joined = SeedCheck.check(json(EXPECTED), List.of(
                article("a.txt", "s1", "Harbour crane toppled by storm", "The crane fell across the quay."),
                article("b.txt", "s1", null, "The crane operators had left."),
                article("intruder", "s1", "Another crane", "A different crane story.")));
        assertThat(joined.passed()).isFalse();
        assertThat(joined.storyMembers()).isEqualTo(3);

        var missing = SeedCheck.check(json(EXPECTED), List.of(
                article("a.txt", "s1", "Harbour crane toppled by storm", "The crane fell across the quay.")));
        assertThat(missing.passed()).isFalse();
        assertThat(missing.problems().get("b.txt")).containsExactly("MUST: missing from the output");
    }

    @Test
    void interleavingSpreadsTheSeedsEvenlyWithTheStreamsTimes(@TempDir Path dir) throws Exception {
        Path stream = dir.resolve("stream.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            lines.add("{\"url\":\"https://n.example/" + i + "\",\"text\":\"t" + i + "\",\"publishedAt\":\"2031-01-01T0"
                    + i + ":00:00Z\"}");
        }
        Files.write(stream, lines);
        Path a = Files.writeString(dir.resolve("a.txt"), "Seed A text");
        Path b = Files.writeString(dir.resolve("b.html"), "<p>Seed B</p>");
        Path out = dir.resolve("out.jsonl");

        Interleave.write(stream, List.of(a, b), out);

        List<String> written = Files.readAllLines(out);
        assertThat(written).hasSize(11);
        JsonNode first = json(written.get(3));   // after line 3 of 9 (9/3)
        JsonNode second = json(written.get(7));  // after line 6 of 9
        assertThat(first.get("url").asText()).endsWith("/a.txt");
        assertThat(first.get("outlet").asText()).isEqualTo("a");
        assertThat(first.get("text").asText()).isEqualTo("Seed A text");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2031-01-01T02:00:00Z");
        assertThat(second.get("html").asText()).isEqualTo("<p>Seed B</p>");
        assertThat(second.get("publishedAt").asText()).isEqualTo("2031-01-01T05:00:00Z");
        assertThat(written.get(0)).isEqualTo(lines.get(0));
    }
}
