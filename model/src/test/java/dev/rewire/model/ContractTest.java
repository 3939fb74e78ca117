package dev.rewire.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The wire contract: field names, lower-case codes, ISO timestamps, stable ids. */
class ContractTest {

    @Test
    void articleIdIsStableAcrossTrivialUrlVariants() {
        String id = ArticleIds.fromCanonicalUrl("https://Example.org:443/news/a?x=1#comments");
        assertThat(id).hasSize(24).matches("[0-9a-f]+");
        assertThat(ArticleIds.fromCanonicalUrl("https://example.org/news/a?x=1")).isEqualTo(id);
        assertThat(ArticleIds.fromCanonicalUrl("https://example.org/news/b?x=1")).isNotEqualTo(id);
        assertThatThrownBy(() -> ArticleIds.fromCanonicalUrl(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cleanArticleRoundTripsWithContractFieldNames() throws Exception {
        CleanArticle a = new CleanArticle(CleanArticle.SCHEMA_VERSION, "id1", "ing1", "https://o.test/a", "https://o.test/a",
                "Outlet", "Title", null, Instant.parse("2026-11-20T08:15:00Z"), Instant.parse("2026-11-20T08:20:00Z"),
                "en", "Body.", 1, "id1", Relation.REWRITE, "id0", 0.5, Map.of("copyright", 1));
        byte[] bytes = JsonSerde.of(CleanArticle.class).serializer().serialize("t", a);
        JsonNode node = Json.mapper().readTree(bytes);
        assertThat(node.get("relation").asText()).isEqualTo("rewrite");
        assertThat(node.get("publishedAt").asText()).isEqualTo("2026-11-20T08:15:00Z");
        assertThat(node.has("byline")).isTrue();
        assertThat(node.get("byline").isNull()).isTrue();
        assertThat(node.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(JsonSerde.of(CleanArticle.class).deserializer().deserialize("t", bytes)).isEqualTo(a);
    }

    @Test
    void rejectedCarriesAStableCodeAndAnExcerpt() {
        Rejected r = Rejected.of("enrich", RejectReason.TOO_LARGE, "12 MB > 10 MB", "k", "i", "https://o.test/a", "O",
                "jsonl", "x".repeat(5_000), Instant.EPOCH);
        JsonNode node = Json.mapper().valueToTree(r);
        assertThat(node.at("/reason/code").asText()).isEqualTo("too-large");
        assertThat(node.get("excerpt").asText()).hasSize(Rejected.MAX_EXCERPT);
        assertThat(node.get("inputBytes").asLong()).isEqualTo(5_000);
        assertThat(RejectReason.fromCode("too-large")).isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void rejectedCountsTheInputsUtf8BytesNotItsCharacters() {
        String input = "Zürich – 東京 😀";  // 1-, 2-, 3- and 4-byte characters (the emoji is two chars)
        Rejected r = Rejected.of("enrich", RejectReason.NO_ARTICLE, "no text", "k", "i", "https://o.test/a", "O",
                "jsonl", input, Instant.EPOCH);
        assertThat(r.inputBytes()).isEqualTo(input.getBytes(StandardCharsets.UTF_8).length).isEqualTo(23)
                .isNotEqualTo(input.length());
        for (String s : new String[] {"", "ascii", "é", "\uD83D", "a\uDE00b", "\uD83D\uDE00\uD83D", "ŧ€𝄞"}) {
            assertThat(Rejected.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void badBytesAreASerializationError() {
        assertThatThrownBy(() -> JsonSerde.of(RawArticle.class).deserializer().deserialize("news.raw",
                "{not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("news.raw");
    }

    @Test
    void topicsTakeThePrefix() {
        Topics t = new Topics("staging.");
        assertThat(t.raw()).isEqualTo("staging.news.raw");
        assertThat(t.all()).hasSize(7).allMatch(n -> n.startsWith("staging.news."));
    }
}
