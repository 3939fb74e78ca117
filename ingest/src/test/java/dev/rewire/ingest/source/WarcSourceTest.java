package dev.rewire.ingest.source;

import static dev.rewire.ingest.source.SourceTesting.article;
import static dev.rewire.ingest.source.SourceTesting.config;
import static dev.rewire.ingest.source.SourceTesting.drain;
import static dev.rewire.ingest.source.SourceTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.DiscoveredVia;
import dev.rewire.model.RawArticle;
import dev.rewire.model.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

class WarcSourceTest {

    private static final Instant T1 = Instant.parse("2024-05-02T10:15:30Z");
    private static final Instant T2 = Instant.parse("2024-05-02T11:00:00Z");
    private static final String CYRILLIC = "Северный вестник: паром отменён из-за шторма";
    private static final String GZIP_PAGE = "<html><body><p>Lantern Post: the night market returns.</p></body></html>";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void takesHtml200ResponsesAndSkipsTheRest(boolean gzip) throws IOException {
        Path file = dir.resolve(gzip ? "crawl.warc.gz" : "crawl.warc");
        try (WarcWriter writer = writer(file, gzip)) {
            writer.write(new Warcinfo.Builder().fields(java.util.Map.of("software", List.of("rewire-test"))).build());
            writer.write(new WarcRequest.Builder(URI.create("https://harborledger.example/ferry"))
                    .body(new HttpRequest.Builder("GET", "/ferry").build()).build());
            writer.write(response("https://harborledger.example/ferry", T1, 200, "text/html; charset=utf-8", null,
                    "<html><body><h1>Ferry</h1><p>The harbor ferry runs late.</p></body></html>"
                            .getBytes(StandardCharsets.UTF_8)));
            writer.write(response("https://harborledger.example/missing", T1, 404, "text/html", null,
                    "<p>not found</p>".getBytes(StandardCharsets.UTF_8)));
            writer.write(response("https://harborledger.example/logo.png", T1, 200, "image/png", null,
                    new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}));
            writer.write(response("https://severny.example/ferry", T2, 200, "text/html; charset=windows-1251", null,
                    ("<html><body><p>" + CYRILLIC + "</p></body></html>").getBytes(Charset.forName("windows-1251"))));
            writer.write(response("https://lanternpost.example/market", T2, 200, "text/html", "gzip",
                    gzip(GZIP_PAGE.getBytes(StandardCharsets.UTF_8))));
        }

        WarcSource source = new WarcSource(file, config());
        List<Ingested> items = drain(source);

        assertThat(items).hasSize(3);
        RawArticle ferry = article(items.get(0));
        assertThat(ferry.url()).isEqualTo("https://harborledger.example/ferry");
        assertThat(ferry.finalUrl()).isEqualTo(ferry.url());
        assertThat(ferry.outlet()).isEqualTo("harborledger.example");
        assertThat(ferry.fetchedAt()).isEqualTo(T1);
        assertThat(ferry.contentType()).isEqualTo(RawArticle.HTML);
        assertThat(ferry.body()).contains("The harbor ferry runs late.");
        assertThat(ferry.discoveredVia()).isEqualTo(DiscoveredVia.WARC);
        assertThat(ferry.truncated()).isFalse();

        RawArticle cyrillic = article(items.get(1));
        assertThat(cyrillic.body()).contains(CYRILLIC);
        assertThat(cyrillic.fetchedAt()).isEqualTo(T2);

        RawArticle market = article(items.get(2));
        assertThat(market.body()).isEqualTo(GZIP_PAGE);

        assertThat(source.skipped()).isEqualTo(4);
        assertThat(source.skippedByReason()).containsEntry("status:404", 1L).containsEntry("type:image/png", 1L)
                .containsEntry("type:warcinfo", 1L).containsEntry("type:request", 1L);
        assertThat(source.position()).isPositive();
    }

    @Test
    void sniffsTheMetaCharsetWhenTheHeaderHasNone() throws IOException {
        Path file = dir.resolve("meta.warc");
        try (WarcWriter writer = writer(file, false)) {
            writer.write(response("https://severny.example/meta", T1, 200, "text/html", null,
                    ("<html><head><meta charset=\"windows-1251\"></head><body>" + CYRILLIC + "</body></html>")
                            .getBytes(Charset.forName("windows-1251"))));
        }
        assertThat(article(drain(new WarcSource(file, config())).get(0)).body()).contains(CYRILLIC);
    }

    @Test
    void aGzipBombIsCutAtTheCap() throws IOException {
        byte[] huge = new byte[8 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'z');
        byte[] prefix = "<html><body>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, huge, 0, prefix.length);
        Path file = dir.resolve("bomb.warc.gz");
        try (WarcWriter writer = writer(file, true)) {
            writer.write(response("https://harborledger.example/bomb", T1, 200, "text/html", "gzip", gzip(huge)));
            writer.write(response("https://harborledger.example/after", T1, 200, "text/html", null,
                    "<p>after the bomb</p>".getBytes(StandardCharsets.UTF_8)));
        }

        List<Ingested> items = drain(new WarcSource(file, SourceTesting.config("64kb")));

        RawArticle bomb = article(items.get(0));
        assertThat(bomb.truncated()).isTrue();
        assertThat(bomb.body()).startsWith("<html><body>zzz").hasSize(64 * 1024);
        assertThat(article(items.get(1)).body()).isEqualTo("<p>after the bomb</p>");
    }

    @Test
    void anUnparseableRecordIsAFailureAndReadingContinues() throws IOException {
        Path file = dir.resolve("corrupt.warc");
        try (WarcWriter writer = writer(file, false)) {
            writer.write(new WarcResponse.Builder(URI.create("https://harborledger.example/garbled"))
                    .date(T1)
                    .body(MediaType.HTTP_RESPONSE, "this is not an HTTP response at all\u0000\u0001".getBytes(
                            StandardCharsets.ISO_8859_1))
                    .build());
            writer.write(response("https://harborledger.example/fine", T1, 200, "text/html", null,
                    "<p>fine</p>".getBytes(StandardCharsets.UTF_8)));
        }

        List<Ingested> items = drain(new WarcSource(file, config()));

        assertThat(items).hasSize(2);
        Ingested.Failure garbled = failure(items.get(0));
        assertThat(garbled.reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
        assertThat(garbled.key()).isEqualTo("https://harborledger.example/garbled");
        assertThat(garbled.message()).contains("https://harborledger.example/garbled");
        assertThat(article(items.get(1)).url()).isEqualTo("https://harborledger.example/fine");
    }

    @Test
    void aFileThatIsNotAWarcIsOneFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("fake.warc"), "<html>this is not a WARC file</html>\n");
        List<Ingested> items = drain(new WarcSource(file, config()));
        assertThat(items).hasSize(1);
        assertThat(failure(items.get(0)).reason()).isEqualTo(RejectReason.UNREADABLE_INPUT);
    }

    static WarcWriter writer(Path file, boolean gzip) throws IOException {
        return new WarcWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), gzip ? WarcCompression.GZIP : WarcCompression.NONE);
    }

    static WarcResponse response(String url, Instant date, int status, String contentType, String encoding,
                                 byte[] body) throws IOException {
        HttpResponse.Builder http = new HttpResponse.Builder(status, status == 200 ? "OK" : "Not Found")
                .body(MediaType.parse(contentType), body);
        if (encoding != null) {
            http.addHeader("Content-Encoding", encoding);
        }
        return new WarcResponse.Builder(URI.create(url)).date(date).body(http.build()).build();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
