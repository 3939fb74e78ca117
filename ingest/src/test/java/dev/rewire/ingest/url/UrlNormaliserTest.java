package dev.rewire.ingest.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlNormaliserTest {

    @Test
    void normalisesCaseDefaultPortsDotSegmentsFragmentsAndTrackingParameters() {
        assertThat(UrlNormaliser.normalise("HTTP://News.Example:80/a/./b/../c?utm_source=x&id=7&fbclid=abc#comments"))
                .isEqualTo("http://news.example/a/c?id=7");
        assertThat(UrlNormaliser.normalise("https://news.example:443/?gclid=1&UTM_Campaign=2"))
                .isEqualTo("https://news.example/");
        assertThat(UrlNormaliser.normalise("https://news.example:8443/x")).isEqualTo("https://news.example:8443/x");
        assertThat(UrlNormaliser.normalise("ftp://news.example/x")).isNull();
        assertThat(UrlNormaliser.normalise("javascript:alert(1)")).isNull();
        assertThat(UrlNormaliser.normalise("not a url")).isNull();
    }

    @Test
    void sameSiteMeansTheSameRegistrableDomain() {
        assertThat(UrlNormaliser.registrableDomain("www.news.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(UrlNormaliser.sameSite("https://www.example.com/a", "http://amp.example.com/b")).isTrue();
        assertThat(UrlNormaliser.sameSite("https://example.com/a", "https://example.org/a")).isFalse();
        assertThat(UrlNormaliser.sameSite("http://127.0.0.1:1/a", "http://127.0.0.1:2/b")).isTrue();
    }

    @Test
    void theAuthorityIsThePolitenessKey() {
        assertThat(UrlNormaliser.authority("https://News.example/x")).isEqualTo("https://news.example:443");
        assertThat(UrlNormaliser.authority("http://127.0.0.1:8080/y")).isEqualTo("http://127.0.0.1:8080");
    }
}
