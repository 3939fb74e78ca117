package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void ignoresCasePunctuationAndWhitespace() {
        String a = "“People on the island have waited,” said the deputy mayor.\n\nThe ferry sails at 23:40.";
        String b = "\"people on the island   have waited\", said the Deputy Mayor\nThe ferry sails at 23 40";
        assertThat(ContentHash.normalise(a)).isEqualTo("people on the island have waited said the deputy mayor the ferry sails at 23 40");
        assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(b)).hasSize(64);
    }

    @Test
    void anyChangedWordChangesTheHash() {
        assertThat(ContentHash.of("The ferry sails at night.")).isNotEqualTo(ContentHash.of("The ferry sails at noon."));
    }
}
