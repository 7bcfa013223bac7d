package network.peere.core.domain.ratelimit;

/**
 * How many requests of one class a key may send: {@code perMinute} on average, at most {@code burstPerSecond} within
 * any second. A burst above the per-minute limit could never be used, so it is refused.
 */
public record RateLimit(int perMinute, int burstPerSecond) {
    /** High enough for any benchmark on one machine; a bound so a typo cannot switch limiting off. */
    public static final int PER_MINUTE_MAX = 1_000_000;

    public RateLimit {
        if (perMinute < 1 || perMinute > PER_MINUTE_MAX) {
            throw new IllegalArgumentException("perMinute must be 1-" + PER_MINUTE_MAX);
        }
        if (burstPerSecond < 1 || burstPerSecond > perMinute) {
            throw new IllegalArgumentException("burstPerSecond must be 1-perMinute");
        }
    }

    public static boolean isValidPerMinute(long perMinute) {
        return perMinute >= 1 && perMinute <= PER_MINUTE_MAX;
    }

    public static boolean isValidBurst(long burstPerSecond, long perMinute) {
        return burstPerSecond >= 1 && burstPerSecond <= perMinute;
    }

    /** Both rates times {@code factor}, capped at {@link #PER_MINUTE_MAX} (the cap keeps the burst within it). */
    public RateLimit times(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1");
        }
        int scaledPerMinute = (int) Math.min((long) perMinute * factor, PER_MINUTE_MAX);
        int scaledBurst = (int) Math.min((long) burstPerSecond * factor, scaledPerMinute);
        return new RateLimit(scaledPerMinute, scaledBurst);
    }
}
