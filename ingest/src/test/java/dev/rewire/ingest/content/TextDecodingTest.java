package dev.rewire.ingest.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextDecodingTest {

    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final String CYRILLIC = "Северный вестник: мост открыт";

    @Test
    void theHeaderCharsetWins() {
        byte[] bytes = ("<html><head><meta charset=\"utf-8\"></head><body>" + CYRILLIC + "</body></html>")
                .getBytes(CP1251);
        String text = TextDecoding.decode(bytes, "text/html; charset=windows-1251", true, false);
        assertThat(text).contains(CYRILLIC);
    }

    @Test
    void aMetaCharsetIsUsedWhenTheHeaderHasNone() {
        byte[] bytes = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                + "</head><body>" + CYRILLIC + "</body></html>").getBytes(CP1251);
        assertThat(TextDecoding.decode(bytes, "text/html", true, false)).contains(CYRILLIC);
        assertThat(TextDecoding.decode(bytes, null, true, false)).contains(CYRILLIC);
    }

    @Test
    void utf8IsTheFallbackAndMalformedBytesAreReplaced() {
        byte[] bytes = {'o', 'k', (byte) 0xff, ' ', (byte) 0xc3, (byte) 0xa9};
        assertThat(TextDecoding.decode(bytes, null, true, false)).isEqualTo("ok\uFFFD é");
    }

    @Test
    void aBomIsDroppedAndOverridesTheHeader() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "Café".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(text, 0, bytes, 3, text.length);
        assertThat(TextDecoding.decode(bytes, "text/html; charset=iso-8859-1", true, false)).isEqualTo("Café");
        assertThat(TextDecoding.decodeUtf8(bytes, false)).isEqualTo("Café");
    }

    @Test
    void aCharacterCutByTheCapIsDroppedOnlyWhenTruncated() {
        byte[] bytes = "naïve é".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        assertThat(TextDecoding.decodeUtf8(cut, true)).isEqualTo("naïve ");
        assertThat(TextDecoding.decodeUtf8(cut, false)).isEqualTo("naïve \uFFFD");
    }

    @Test
    void unknownCharsetsFallBack() {
        byte[] bytes = "plain".getBytes(StandardCharsets.US_ASCII);
        assertThat(TextDecoding.detect(bytes, "text/html; charset=x-no-such-thing", true))
                .isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void cutsStringsAtUtf8ByteLengthsWithoutSplittingCharacters() {
        assertThat(TextDecoding.cutToUtf8Bytes("short", 100)).isEqualTo("short");
        assertThat(TextDecoding.cutToUtf8Bytes("aéb", 2)).isEqualTo("a");
        assertThat(TextDecoding.cutToUtf8Bytes("aéb", 3)).isEqualTo("aé");
        assertThat(TextDecoding.cutToUtf8Bytes("x😀y", 4)).isEqualTo("x");
        assertThat(TextDecoding.cutToUtf8Bytes("x😀y", 5)).isEqualTo("x😀");
    }

    @Test
    void baseTypesAreNormalised() {
        assertThat(TextDecoding.baseType("Text/HTML; charset=UTF-8")).isEqualTo("text/html");
        assertThat(TextDecoding.baseType(" ")).isNull();
        assertThat(TextDecoding.isHtml("application/xhtml+xml")).isTrue();
        assertThat(TextDecoding.isHtml("text/plain")).isFalse();
    }
}
