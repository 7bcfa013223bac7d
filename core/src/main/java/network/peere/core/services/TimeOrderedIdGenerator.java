package network.peere.core.services;

import java.util.Objects;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.RandomSource;

/**
 * Ids shaped like ULIDs: 48 bits of milliseconds then 80 random bits, in Crockford base32 (26 characters), behind a
 * type prefix ({@code mer_01J…}). Time first keeps inserts near the end of the primary-key index; 80 random bits make
 * a collision within one millisecond practically impossible.
 */
public final class TimeOrderedIdGenerator implements IdGenerator {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int RANDOM_BYTES = 10;

    private final Clock clock;
    private final RandomSource random;

    public TimeOrderedIdGenerator(Clock clock, RandomSource random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String newId(String prefix) {
        long millis = clock.now().toEpochMilli();
        byte[] entropy = random.bytes(RANDOM_BYTES);
        var out = new StringBuilder(prefix.length() + 27).append(prefix).append('_');
        for (int shift = 45; shift >= 0; shift -= 5) {
            out.append(CROCKFORD[(int) ((millis >>> shift) & 31)]);
        }
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (entropy[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (entropy[i] & 0xff);
        }
        for (int shift = 35; shift >= 0; shift -= 5) {
            out.append(CROCKFORD[(int) ((high >>> shift) & 31)]);
        }
        for (int shift = 35; shift >= 0; shift -= 5) {
            out.append(CROCKFORD[(int) ((low >>> shift) & 31)]);
        }
        return out.toString();
    }
}
