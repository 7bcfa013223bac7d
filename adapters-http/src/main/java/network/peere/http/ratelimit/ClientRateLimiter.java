package network.peere.http.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.Objects;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.core.domain.ratelimit.RateLimit;

/**
 * Token buckets per client address for the routes anyone may call without a key (the hosted pay page), where there is
 * no key to count against. Such routes can tell who banks where, so each address gets a small budget: a few lookups
 * ({@code STANDARD}) and enough reads ({@code READ}) for a page that polls. Like {@link RateLimiter}, in this
 * process's memory; behind a reverse proxy the address is the proxy's unless Javalin is told to read a forwarded one.
 */
public final class ClientRateLimiter {
    /** Bounds memory (a few hundred bytes each); past it the least recently used buckets go first. */
    public static final long BUCKETS_MAX = 100_000;

    /**
     * The budget of one address. A customer looks up once or twice and pays once; the page polls every 1.5 s (40 a
     * minute). Addresses shared by many phones (carrier NAT) are why the lookup budget is not smaller.
     */
    public record Limits(RateLimit lookups, RateLimit reads) {
        public static final Limits DEFAULT = new Limits(new RateLimit(30, 5), new RateLimit(300, 20));

        public Limits {
            Objects.requireNonNull(lookups, "lookups");
            Objects.requireNonNull(reads, "reads");
        }

        RateLimit of(RateClass rateClass) {
            return switch (rateClass) {
                case READ -> reads;
                case STANDARD, BATCH -> lookups;
            };
        }
    }

    private static final java.util.regex.Pattern IPV6_LITERAL =
            java.util.regex.Pattern.compile("\\[?[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?]?");

    private record BucketKey(String address, RateClass rateClass) {}

    private final Limits limits;
    private final TimeMeter timeMeter;
    private final Cache<BucketKey, Bucket> buckets;

    public ClientRateLimiter(Limits limits, RateLimiter.NanoTime time) {
        this.limits = Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(time, "time");
        this.timeMeter = time.timeMeter();
        this.buckets = time.bucketCache(BUCKETS_MAX);
    }

    /** Takes one token of the class from the address's bucket, or says how long to wait. */
    public RateLimiter.Decision tryAcquire(String address, RateClass rateClass) {
        Objects.requireNonNull(address, "address");
        RateLimit limit = limits.of(rateClass);
        Bucket bucket = buckets.get(
                new BucketKey(clientKey(address), rateClass), key -> RateLimiter.newBucket(limit, timeMeter));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long remaining = Math.max(0, probe.getRemainingTokens());
        long reset = RateLimiter.ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new RateLimiter.Decision.Allowed(rateClass, limit, remaining, reset);
        }
        long retryAfter = Math.max(1, RateLimiter.ceilSeconds(probe.getNanosToWaitForRefill()));
        return new RateLimiter.Decision.Refused(rateClass, limit, remaining, reset, retryAfter);
    }

    /**
     * Whom a bucket counts: an IPv4 address as is, an IPv6 address by its /64 (one subscriber's network usually holds
     * a whole /64, so counting each address apart would hand one client billions of buckets).
     */
    static String clientKey(String address) {
        // Only a literal is parsed (never a name: no DNS lookup on the request path).
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            java.net.InetAddress parsed = java.net.InetAddress.getByName(address);
            byte[] bytes = parsed.getAddress();
            return bytes.length == 16
                    ? "v6:" + java.util.HexFormat.of().formatHex(bytes, 0, 8)
                    : parsed.getHostAddress();
        } catch (java.net.UnknownHostException notALiteral) {
            return address;
        }
    }
}
