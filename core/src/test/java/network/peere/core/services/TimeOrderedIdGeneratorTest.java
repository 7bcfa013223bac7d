package network.peere.core.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import network.peere.core.ports.out.RandomSource;
import org.junit.jupiter.api.Test;

class TimeOrderedIdGeneratorTest {
    @Test
    void ids_have_the_prefix_and_26_crockford_characters() {
        var ids = new TimeOrderedIdGenerator(() -> Instant.EPOCH, RandomSource.of(new Random(1)));
        assertThat(ids.newId("mer")).matches("mer_[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Property
    void a_later_millisecond_sorts_after_an_earlier_one(
            @ForAll @LongRange(min = 0, max = 1L << 47) long earlier,
            @ForAll @LongRange(min = 1, max = 1000) long gap) {
        var random = RandomSource.of(new Random(earlier));
        String first = new TimeOrderedIdGenerator(() -> Instant.ofEpochMilli(earlier), random).newId("x");
        String second = new TimeOrderedIdGenerator(() -> Instant.ofEpochMilli(earlier + gap), random).newId("x");
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void ids_within_one_millisecond_do_not_collide() {
        var clock = new AtomicLong(1_700_000_000_000L);
        var ids = new TimeOrderedIdGenerator(() -> Instant.ofEpochMilli(clock.get()), RandomSource.of(new Random(3)));
        var seen = new HashSet<String>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(ids.newId("k"))).isTrue();
        }
    }
}
