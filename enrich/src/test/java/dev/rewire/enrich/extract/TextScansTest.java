package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scans of the hot path answer exactly as the regex or library code they replaced. */
class TextScansTest {

    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final List<String> SAMPLES = List.of("", " ", "a", "The ferry's first winter — 2031.",
            "snake_case and CamelCase: x1 y22", "naïve café résumé", "Ünïcödé   spaces\u00a0and\ttabs",
            "日本語のテキスト、漢字とかな", "Привет, мир! 123", "e\u0301 combining", "zero\u200Dwidth\u200Cjoiners",
            "١٢٣ arabic digits ٤٥", "emoji 😀 between words 😀x", "  leading and trailing  ", "a\u2003em\u3000space",
            "line\nbreaks\r\nand\u2028separators", "tab\t\tdouble  spaces", "ǅ titlecase Ⅻ roman numeral");

    @Test
    void countWordsEqualsTheRegexCount() {
        for (String s : SAMPLES) {
            long expected = WORD.matcher(s).results().count();
            assertThat(Extraction.countWords(s)).as(s).isEqualTo((int) expected);
            assertThat(Extraction.countWords(s, 2)).as(s).isEqualTo((int) Math.min(2, expected));
        }
    }

    @Test
    void keyAndCollapseEqualTheirGeneralForms() {
        for (String s : SAMPLES) {
            assertThat(Paragraphs.key(s)).as(s).isEqualTo(slowKey(s));
            assertThat(Paragraphs.collapse(s)).as(s).isEqualTo(slowCollapse(s));
        }
    }

    private static String slowKey(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (char c : n.toCharArray()) {
            if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            } else {
                space = out.length() > 0;
            }
        }
        return out.toString();
    }

    private static String slowCollapse(String text) {
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (char c : text.toCharArray()) {
            if (Character.isWhitespace(c) || c == '\u00a0') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
