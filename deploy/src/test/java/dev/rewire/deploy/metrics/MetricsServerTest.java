package dev.rewire.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics endpoint, and what it does when its port is taken (a second demo on one machine). */
class MetricsServerTest {

    @Test
    void aBusyPortFallsBackToAFreeOneAndSaysSo() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("rewire.test.hits").increment();
        List<String> said = new ArrayList<>();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             MetricsServer server = MetricsServer.startOrFallBack("127.0.0.1", taken.getLocalPort(), registry,
                     () -> true, said::add)) {
            assertThat(server.metricsUri().getPort()).isNotEqualTo(taken.getLocalPort()).isPositive();
            assertThat(said).singleElement().asString().contains("port " + taken.getLocalPort() + " is busy")
                    .contains("free port");
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("rewire_test_hits_total");
        }
    }

    @Test
    void aFreePortIsUsedAsConfigured() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        List<String> said = new ArrayList<>();
        try (MetricsServer server = MetricsServer.startOrFallBack("127.0.0.1", port,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true, said::add)) {
            assertThat(server.metricsUri().getPort()).isEqualTo(port);
            assertThat(said).isEmpty();
        }
    }
}
