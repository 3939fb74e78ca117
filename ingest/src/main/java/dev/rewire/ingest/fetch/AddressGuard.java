package dev.rewire.ingest.fetch;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.RejectReason;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fetcher's server-side request forgery guard: only {@code http} and {@code https} URLs, and, unless
 * {@code ingest.allowPrivateNetworks=true}, only hosts whose every resolved address is public. Refused:
 * loopback, "this network" and any-local, private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10),
 * link-local (169.254/16, fe80::/10), carrier-grade NAT (100.64/10), multicast, broadcast and reserved ranges,
 * documentation and benchmarking ranges, and IPv6 forms that embed an IPv4 address (IPv4-mapped and -compatible,
 * NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo) when the embedded address is refused.
 *
 * <p>Exists because the pipeline fetches URLs that come from outside (URL lists, later feeds and sitemaps):
 * without it a list entry or a redirect could make the crawler read cloud metadata endpoints or internal
 * services. Check every redirect hop. A look-up can be bounded by the fetch's deadline ({@link #check(URI, Duration)}).
 * Known limit: the HTTP client resolves the host again when it connects, so
 * a DNS answer that changes between the two look-ups (DNS rebinding) is not caught.
 */
public final class AddressGuard {

    /** Resolves a host name to its addresses; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        /** All addresses of {@code host}. */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Threads that run DNS look-ups bounded by a timeout, shared by all guards. */
    static final int LOOKUP_THREADS = 64;
    private static final ExecutorService LOOKUPS = lookupThreads();

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    /** A guard using the system resolver. */
    public AddressGuard(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, InetAddress::getAllByName);
    }

    /** A guard using {@code resolver}. */
    public AddressGuard(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    /** A guard configured by {@code ingest.allowPrivateNetworks}. */
    public static AddressGuard fromConfig(RewireConfig cfg) {
        return new AddressGuard(cfg.getBoolean("ingest.allowPrivateNetworks"));
    }

    /** Whether non-public addresses are allowed. */
    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /**
     * Checks {@code uri}'s scheme and host, resolving the host.
     *
     * @return the resolved addresses
     * @throws BlockedAddressException when the scheme or any resolved address is refused
     * @throws FetchException          when the host is missing or cannot be resolved
     */
    public List<InetAddress> check(URI uri) throws FetchException {
        return check(uri, null);
    }

    /**
     * Checks {@code uri}'s scheme and host like {@link #check(URI)}, the host's look-up bounded by
     * {@code timeout}: the system resolver can block for many seconds on an unanswering name server, and
     * the fetch's deadline must hold for it too.
     *
     * @param timeout how long the DNS look-up may take; null: as long as the resolver takes
     * @throws BlockedAddressException when the scheme or any resolved address is refused
     * @throws FetchException          when the host is missing, cannot be resolved, or not in time
     */
    public List<InetAddress> check(URI uri, Duration timeout) throws FetchException {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new BlockedAddressException("refused to fetch " + uri + ": only http and https URLs are fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses = timeout == null ? resolve(uri, host) : resolve(uri, host, timeout);
        if (addresses == null || addresses.length == 0) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": host " + host
                    + " has no address");
        }
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                Optional<String> why = whyBlocked(address);
                if (why.isPresent()) {
                    throw new BlockedAddressException("refused to fetch " + uri + ": " + host + " resolves to "
                            + address.getHostAddress() + ", " + why.get()
                            + " (set ingest.allowPrivateNetworks=true to allow private networks)");
                }
            }
        }
        return List.of(addresses);
    }

    private InetAddress[] resolve(URI uri, String host) throws FetchException {
        try {
            return resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": unknown host " + host,
                    -1, e);
        }
    }

    /**
     * The look-up on one of {@value #LOOKUP_THREADS} shared daemon threads, waited for at most {@code timeout}.
     * A look-up given up on keeps its thread until the resolver returns (the resolver cannot be interrupted);
     * when all are taken, later look-ups queue, and their wait counts against their own timeout.
     */
    private InetAddress[] resolve(URI uri, String host, Duration timeout) throws FetchException {
        Future<InetAddress[]> lookup = LOOKUPS.submit(() -> resolve(uri, host));
        try {
            return lookup.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": the DNS look-up of "
                    + host + " took longer than " + timeout.toMillis() + " ms (ingest.requestTimeout)", -1, e);
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": interrupted while "
                    + "looking up " + host, -1, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchException fe) {
                throw fe;
            }
            throw new FetchException(RejectReason.UNREADABLE_INPUT, "cannot fetch " + uri + ": looking up " + host
                    + " failed: " + e.getCause(), -1, e.getCause());
        }
    }

    private static ExecutorService lookupThreads() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "rewire-dns-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Why {@code address} is not a public address, or empty when it is. */
    public static Optional<String> whyBlocked(InetAddress address) {
        if (address instanceof Inet4Address) {
            return whyBlockedV4(address.getAddress());
        }
        if (address instanceof Inet6Address) {
            return whyBlockedV6(address.getAddress());
        }
        return Optional.of("an address of unknown family");
    }

    /** True when {@code address} is not a public address. */
    public static boolean isBlocked(InetAddress address) {
        return whyBlocked(address).isPresent();
    }

    private static Optional<String> whyBlockedV4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 0) {
            return Optional.of("an any-local / \"this network\" address (0.0.0.0/8)");
        }
        if (b0 == 127) {
            return Optional.of("a loopback address");
        }
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
            return Optional.of("a private (site-local) address");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("a link-local address");
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return Optional.of("a carrier-grade NAT address (100.64.0.0/10)");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Optional.of("a multicast address");
        }
        if (b0 >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) {
            return Optional.of("an IETF protocol or documentation address");
        }
        if ((b0 == 198 && (b1 == 18 || b1 == 19)) || (b0 == 198 && b1 == 51 && b2 == 100)
                || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return Optional.of("a benchmarking or documentation address");
        }
        return Optional.empty();
    }

    private static Optional<String> whyBlockedV6(byte[] a) {
        int w0 = ((a[0] & 0xff) << 8) | (a[1] & 0xff);
        int w1 = ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        boolean first80Zero = true;
        for (int i = 0; i < 10; i++) {
            first80Zero &= a[i] == 0;
        }
        if (first80Zero && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return embedded(a, 12, "IPv4-mapped");
        }
        if (first80Zero && a[10] == 0 && a[11] == 0) {
            boolean last4Zero = a[12] == 0 && a[13] == 0 && a[14] == 0;
            if (last4Zero && a[15] == 0) {
                return Optional.of("the unspecified (any-local) address");
            }
            if (last4Zero && a[15] == 1) {
                return Optional.of("a loopback address");
            }
            return embedded(a, 12, "IPv4-compatible");
        }
        if ((a[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local (private) address (fc00::/7)");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) {
            return Optional.of("a site-local address");
        }
        if ((a[0] & 0xff) == 0xff) {
            return Optional.of("a multicast address");
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= a[i] == 0;
            }
            return wellKnown ? embedded(a, 12, "NAT64") : Optional.of("a local-use NAT64 address");
        }
        if (w0 == 0x2002) {
            return embedded(a, 2, "6to4");
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~a[12 + i];
            }
            return whyBlockedV4(client).map(why -> "a Teredo address embedding " + why);
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return Optional.of("a documentation address (2001:db8::/32)");
        }
        if (w0 == 0x0100 && w1 == 0 && a[4] == 0 && a[5] == 0 && a[6] == 0 && a[7] == 0) {
            return Optional.of("a discard-only address (100::/64)");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] a, int offset, String form) {
        byte[] v4 = {a[offset], a[offset + 1], a[offset + 2], a[offset + 3]};
        return whyBlockedV4(v4).map(why -> form + " address embedding " + why);
    }
}
