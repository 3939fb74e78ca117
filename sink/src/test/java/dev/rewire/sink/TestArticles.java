package dev.rewire.sink;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Relation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sample articles for the sink tests (timestamps at microsecond precision, as PostgreSQL stores them). */
public final class TestArticles {

    public static final Instant PUBLISHED = Instant.parse("2025-03-04T05:06:07.123456Z");
    public static final Instant FETCHED = Instant.parse("2025-03-04T06:00:00.654321Z");

    private TestArticles() {
    }

    public static CleanArticle article(String id, String title) {
        return new CleanArticle(CleanArticle.SCHEMA_VERSION, id, "ingest-" + id, "https://example.org/a/" + id,
                "https://example.org/a/" + id, "example.org", title, "Jane Doe", PUBLISHED, FETCHED, "en",
                "First paragraph of " + id + ".\n\nSecond paragraph.", 7, "story-" + id, Relation.ORIGINAL, null, null,
                Map.of("nav", 3, "footer", 1));
    }

    public static List<CleanArticle> articles(String prefix, int n) {
        List<CleanArticle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(article(prefix + i, "Title " + prefix + i));
        }
        return out;
    }

    public static byte[] json(Object value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }
}
