package dev.rewire.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutletSpecTest {

    @Test
    void readsOutletsFromConfiguration() {
        RewireConfig cfg = RewireConfig.defaults().with(Map.of(
                "ingest.outlets.valley-courier.seeds", "https://News.Example.org/ , https://news.example.org/rss?utm_source=x",
                "ingest.outlets.valley-courier.pollInterval", "2m",
                "ingest.outlets.valley-courier.exclude", "/(video|live)/",
                "ingest.outlets.wire.seeds", "https://wire.example.net/sitemap.xml",
                "ingest.outlets.wire.include", "/\\d{4}/"));
        List<OutletSpec> outlets = OutletSpec.fromConfig(cfg);
        assertThat(outlets).extracting(OutletSpec::name).containsExactly("valley-courier", "wire");
        OutletSpec courier = outlets.get(0);
        assertThat(courier.seeds()).containsExactly("https://news.example.org/", "https://news.example.org/rss");
        assertThat(courier.pollInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(courier.accepts("https://news.example.org/2026/a")).isTrue();
        assertThat(courier.accepts("https://news.example.org/video/a")).isFalse();
        OutletSpec wire = outlets.get(1);
        assertThat(wire.pollInterval()).isEqualTo(cfg.getDuration("ingest.pollInterval"));
        assertThat(wire.accepts("https://wire.example.net/2026/x")).isTrue();
        assertThat(wire.accepts("https://wire.example.net/about")).isFalse();
        assertThat(OutletSpec.fromConfig(RewireConfig.defaults())).isEmpty();
    }

    @Test
    void badOutletConfigurationFailsWithTheKey() {
        assertThatThrownBy(() -> OutletSpec.fromConfig(RewireConfig.defaults().with(
                "ingest.outlets.x.pollInterval", "1m"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingest.outlets.x.seeds");
        assertThatThrownBy(() -> OutletSpec.fromConfig(RewireConfig.defaults().with(
                "ingest.outlets.x.seeds", "file:///etc/passwd"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> OutletSpec.fromConfig(RewireConfig.defaults().with(Map.of(
                "ingest.outlets.x.seeds", "https://a.example/", "ingest.outlets.x.include", "("))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.outlets.x.include");
    }
}
