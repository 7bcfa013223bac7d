package network.peere.persistence.jdbi;

import java.time.Duration;
import java.util.Objects;

/**
 * How many lookup answers (identity → customers) each process keeps in memory, and for how long. The time to live
 * bounds how long a change made through another process (a customer, a device, a bank's name or suspension) may go
 * unseen here; changes made through this process are seen at once. A time to live of zero keeps nothing.
 */
public record LookupCacheSettings(Duration ttl, long entriesMax) {
    public static final Duration TTL_DEFAULT = Duration.ofSeconds(5);
    public static final long ENTRIES_MAX_DEFAULT = 100_000;
    public static final LookupCacheSettings DEFAULT = new LookupCacheSettings(TTL_DEFAULT, ENTRIES_MAX_DEFAULT);

    public LookupCacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("a lookup cache's time to live cannot be negative");
        }
        if (entriesMax < 1) {
            throw new IllegalArgumentException("a lookup cache holds at least one entry");
        }
    }
}
