package dev.rewire.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "::1, loopback",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.254, private",
            "192.168.0.1, private",
            "169.254.1.1, link-local",
            "169.254.169.254, link-local",
            "fe80::1, link-local",
            "fc00::1, unique-local",
            "fd12:3456::1, unique-local",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.255, carrier-grade NAT",
            "0.0.0.0, any-local",
            "::, unspecified",
            "224.0.0.1, multicast",
            "ff02::1, multicast",
            "255.255.255.255, reserved",
            "::ffff:127.0.0.1, loopback",
            "::ffff:10.0.0.1, private",
            "64:ff9b::a9fe:a9fe, link-local",
            "2002:c0a8:0101::1, private",
            "::10.0.0.1, private"
    })
    void refusesNonPublicAddresses(String literal, String why) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(AddressGuard.isBlocked(address)).as(literal).isTrue();
        assertThat(AddressGuard.whyBlocked(address)).get().asString().contains(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34",
            "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808"})
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(AddressGuard.whyBlocked(InetAddress.getByName(literal))).as(literal).isEmpty();
    }

    @Test
    void checksUrlsWithLiteralAddressesWithoutTheNetwork() throws Exception {
        AddressGuard guard = new AddressGuard(false);
        assertThat(guard.check(URI.create("http://8.8.8.8/news"))).extracting(InetAddress::getHostAddress)
                .containsExactly("8.8.8.8");
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1:8080/")))
                .isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("loopback")
                .hasMessageContaining("ingest.allowPrivateNetworks");
        assertThatThrownBy(() -> guard.check(URI.create("http://[::1]/")))
                .isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://[fe80::1]/")))
                .isInstanceOf(BlockedAddressException.class).hasMessageContaining("link-local");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsPrivate() {
        AddressGuard guard = new AddressGuard(false, host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")});
        assertThatThrownBy(() -> guard.check(URI.create("https://mixed.example/")))
                .isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("10.0.0.7");
    }

    @Test
    void allowsPrivateNetworksWhenConfigured() throws Exception {
        AddressGuard guard = new AddressGuard(true);
        assertThat(guard.check(URI.create("http://127.0.0.1:8080/"))).hasSize(1);
        assertThat(guard.check(URI.create("http://10.1.2.3/"))).hasSize(1);
    }

    @Test
    void refusesOtherSchemesEvenWhenPrivateNetworksAreAllowed() {
        AddressGuard guard = new AddressGuard(true);
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(BlockedAddressException.class).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> guard.check(URI.create("ftp://8.8.8.8/x")))
                .isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> guard.check(URI.create("gopher://8.8.8.8/x")))
                .isInstanceOf(BlockedAddressException.class);
    }

    @Test
    void anUnresolvableHostIsAFetchFailureNotARefusal() {
        AddressGuard guard = new AddressGuard(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.invalid/")))
                .isInstanceOf(FetchException.class)
                .isNotInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("unknown host nowhere.invalid");
    }

    @Test
    void aBoundedLookUpAnswersLikeAnUnboundedOne() throws Exception {
        AddressGuard guard = new AddressGuard(false, host -> host.equals("news.example")
                ? new InetAddress[] {InetAddress.getByName("93.184.216.34")} : new InetAddress[] {
                InetAddress.getByName("10.0.0.7")});
        assertThat(guard.check(URI.create("https://news.example/a"), Duration.ofSeconds(5)))
                .extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
        assertThatThrownBy(() -> guard.check(URI.create("https://intranet.example/"), Duration.ofSeconds(5)))
                .isInstanceOf(BlockedAddressException.class).hasMessageContaining("10.0.0.7");
        AddressGuard unknown = new AddressGuard(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> unknown.check(URI.create("https://nowhere.invalid/"), Duration.ofSeconds(5)))
                .isInstanceOf(FetchException.class).isNotInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("unknown host nowhere.invalid");
    }

    @Test
    void aLookUpThatHangsFailsWhenItsTimeoutRunsOut() {
        AddressGuard guard = new AddressGuard(false, host -> {
            try {
                Thread.sleep(20_000);  // an unanswering name server
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> guard.check(URI.create("https://slow-dns.example/"), Duration.ofMillis(300)))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("DNS look-up of slow-dns.example took longer than 300 ms")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
