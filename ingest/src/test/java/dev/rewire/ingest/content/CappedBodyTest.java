package dev.rewire.ingest.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    private static final byte[] PAGE =
            "<html><body><p>The Harbor Ledger reports a quiet tide.</p></body></html>".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsAWholeSmallBodyUntruncated() throws IOException {
        CappedBody body = CappedBody.read(new ByteArrayInputStream(PAGE), 1024);
        assertThat(body.bytes()).isEqualTo(PAGE);
        assertThat(body.truncated()).isFalse();
    }

    @Test
    void aBodyOfExactlyTheCapIsNotTruncated() throws IOException {
        CappedBody body = CappedBody.read(new ByteArrayInputStream(PAGE), PAGE.length);
        assertThat(body.length()).isEqualTo(PAGE.length);
        assertThat(body.truncated()).isFalse();
    }

    @Test
    void cutsALargerBodyAtTheCapAndMarksIt() throws IOException {
        CappedBody body = CappedBody.read(new ByteArrayInputStream(PAGE), 10);
        assertThat(body.bytes()).isEqualTo(Arrays.copyOf(PAGE, 10));
        assertThat(body.truncated()).isTrue();
    }

    @Test
    void decodesGzipAndDeflateInBothForms() throws IOException {
        assertThat(CappedBody.decode(new ByteArrayInputStream(gzip(PAGE)), "gzip", 1024, false).bytes())
                .isEqualTo(PAGE);
        assertThat(CappedBody.decode(new ByteArrayInputStream(gzip(PAGE)), "X-GZIP", 1024, false).bytes())
                .isEqualTo(PAGE);
        assertThat(CappedBody.decode(new ByteArrayInputStream(deflate(PAGE, false)), "deflate", 1024, false).bytes())
                .isEqualTo(PAGE);
        assertThat(CappedBody.decode(new ByteArrayInputStream(deflate(PAGE, true)), "deflate", 1024, false).bytes())
                .isEqualTo(PAGE);
    }

    @Test
    void aGzipBombStopsAtTheCap() throws IOException {
        byte[] huge = new byte[20 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        byte[] bomb = gzip(huge);
        assertThat(bomb.length).isLessThan(100_000);

        CappedBody body = CappedBody.decode(new ByteArrayInputStream(bomb), "gzip", 64 * 1024, false);

        assertThat(body.length()).isEqualTo(64 * 1024);
        assertThat(body.truncated()).isTrue();
    }

    @Test
    void aGzipLabelOnPlainBytesIsReadAsIs() throws IOException {
        CappedBody body = CappedBody.decode(new ByteArrayInputStream(PAGE), "gzip", 1024, false);
        assertThat(body.bytes()).isEqualTo(PAGE);
    }

    @Test
    void aCutCompressedStreamYieldsWhatWasDecodedWhenTheRawBodyWasTruncated() throws IOException {
        byte[] text = new byte[200_000];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + (i * 7919 % 26));
        }
        byte[] compressed = gzip(text);
        byte[] half = Arrays.copyOf(compressed, compressed.length / 2);

        CappedBody body = CappedBody.decode(new ByteArrayInputStream(half), "gzip", 1_000_000, true);

        assertThat(body.truncated()).isTrue();
        assertThat(body.length()).isPositive();
        assertThat(body.bytes()).isEqualTo(Arrays.copyOf(text, body.length()));
        assertThatThrownBy(() -> CappedBody.decode(new ByteArrayInputStream(half), "gzip", 1_000_000, false))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anUnsupportedEncodingIsAClearError() {
        assertThatThrownBy(() -> CappedBody.decode(new ByteArrayInputStream(PAGE), "br", 1024, false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported Content-Encoding 'br'");
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }
}
