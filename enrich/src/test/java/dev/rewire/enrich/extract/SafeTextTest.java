package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void controlCharactersGoFormFeedsBecomeSpacesLineBreaksStay() {
        assertThat(SafeText.of("Quay\u0001 works\u007f end\u0090.\nNext\tline\r\n")).isEqualTo("Quay works end.\nNext\tline\r\n");
        assertThat(SafeText.of("page.\fNext\u000bone")).isEqualTo("page. Next one");
        assertThat(SafeText.of("line\u0085break")).isEqualTo("line\u0085break");
        String clean = "Café on the quay";
        assertThat(SafeText.of(clean)).isSameAs(clean);
        assertThat(SafeText.of(null)).isNull();
    }

    @Test
    void combiningRunsAreCutEvenAcrossADroppedControlCharacter() {
        assertThat(SafeText.of("a" + "\u0301".repeat(40) + "b")).isEqualTo("a" + "\u0301".repeat(30) + "b");
        String interrupted = ("\u0301\u0316".repeat(15) + "\u0001").repeat(10);
        String out = SafeText.of("a" + interrupted);
        assertThat(out).hasSize(1 + SafeText.MAX_COMBINING_RUN);
        // a base letter starts a new run: ordinary accented text is untouched
        String accents = "e\u0301".repeat(1000);
        assertThat(SafeText.of(accents)).isSameAs(accents);
    }
}
