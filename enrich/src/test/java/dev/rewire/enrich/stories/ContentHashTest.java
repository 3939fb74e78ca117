package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.enrich.extract.SafeText;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
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

    /** The normal form as first written (two regular expressions): stored hashes were made with it. */
    private static String regexNormalise(String text) {
        String n = SafeText.nfkc(text).toLowerCase(Locale.ROOT);
        n = Pattern.compile("[\\p{P}\\p{S}]+").matcher(n).replaceAll(" ");
        return Pattern.compile("\\s+").matcher(n).replaceAll(" ").strip();
    }

    @Test
    void theOnePassNormalFormIsTheRegularExpressionsOne() {
        String[] tricky = {"", " ", " ,. ", "a\u2028,b", "\u00a0x\u00a0", "tab\tand\u000bvt\fff\r\n",
            "emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ∑ € ^ ` | ~", "lone \ud800 surrogate \udc00,", "x\u2028 ,", "“quoted” — dash – here…",
            "e\u0301\u0301 combining", "\u3000ideographic\u3000space\u3001comma", "a_b-c(d)[e]{f}"};
        for (String t : tricky) {
            assertThat(ContentHash.normalise(t)).as(t).isEqualTo(regexNormalise(t));
        }
        int[] pool = {' ', '\t', '\n', 0x0b, '\f', '\r', 'a', 'Z', '9', ',', '.', '!', '"', '\'', '-', '_', '$', '+',
            '<', '^', '`', '|', '~', 0xa0, 0xa9, 0xbf, 0xd7, 0x2013, 0x2014, 0x2018, 0x201c, 0x2026, 0x2028, 0x2029,
            0x3000, 0x3001, 0x20ac, 0x2211, 0x0301, 0x0416, 0x05d0, 0x4e2d, 0xfe4d, 0xff01, 0x1f600, 0x1d518, 0xd800};
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String t = b.toString();
            assertThat(ContentHash.normalise(t)).as("case %d: %s", k, t).isEqualTo(regexNormalise(t));
        }
    }
}
