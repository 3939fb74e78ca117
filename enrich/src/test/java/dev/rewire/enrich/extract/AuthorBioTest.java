package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorBioTest {

    private static final String STORY = "The footbridge over the Tarn will close for repairs from Monday, the county said.";
    private static final String BIO = "Dana Reyes is a freelance writer based in Kessock who covers rivers, bridges and "
            + "the people who mend them.";

    @Test
    void aTrailingBioIsDroppedAndCounted() {
        Map<String, Integer> counts = new HashMap<>();
        assertThat(AuthorBio.dropTrailing(List.of(STORY, BIO), counts)).containsExactly(STORY);
        assertThat(counts).containsEntry(AuthorBio.RULE, 1);
    }

    @Test
    void aBioInsideTheTextOrAsTheOnlyParagraphStays() {
        Map<String, Integer> counts = new HashMap<>();
        assertThat(AuthorBio.dropTrailing(List.of(BIO, STORY), counts)).containsExactly(BIO, STORY);
        assertThat(AuthorBio.dropTrailing(List.of(BIO), counts)).containsExactly(BIO);
        assertThat(counts).isEmpty();
    }

    @Test
    void aClosingSentenceAboutSomeoneElseIsNoBio() {
        assertThat(AuthorBio.isBio("Tom Askew is a retired teacher who has crossed the bridge every day since 1979.")).isFalse();
        assertThat(AuthorBio.isBio("The editor of the parish newsletter is a keen walker.")).isFalse();
        assertThat(AuthorBio.isBio("Sam Ortiz was the director of the bridge trust until last year.")).isTrue();
    }
}
