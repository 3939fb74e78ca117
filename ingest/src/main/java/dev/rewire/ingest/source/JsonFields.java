package dev.rewire.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Reading optional fields of the interchange format (a JSONL line, a directory's side file) the same way
 * everywhere: a missing, null, container or blank value is absent; timestamps go through {@link Timestamps}.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The trimmed text of {@code field}, or null when it is absent, null, not a scalar or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** The instant in {@code field}, or null when absent; malformed values fail as {@link Timestamps#parse} does. */
    static Instant time(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Timestamps.parse(text);
    }
}
