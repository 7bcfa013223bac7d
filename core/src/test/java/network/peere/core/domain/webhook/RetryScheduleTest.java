package network.peere.core.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The retry schedule's arithmetic, for any jitter the random source may give. */
class RetryScheduleTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration ROUNDING = Duration.ofMillis(1);

    /** Every attempt of a delivery that always fails, the first at creation, with the given jitters in turn. */
    private static List<Instant> attempts(RetrySchedule schedule, List<Double> jitters, Optional<Duration> retryAfter) {
        List<Instant> at = new ArrayList<>(List.of(CREATED));
        for (int made = 1; ; made++) {
            Instant now = at.get(at.size() - 1);
            Optional<Instant> next = schedule.next(made, CREATED, now, retryAfter, jitters.get(made % jitters.size()));
            if (next.isEmpty()) {
                return at;
            }
            at.add(next.get());
        }
    }

    @Provide
    Arbitrary<RetrySchedule> schedules() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 3_600),
                        Arbitraries.longs().between(1, 64),
                        Arbitraries.longs().between(1, 7 * 24))
                .as((firstSeconds, maxFactor, giveUpHours) -> {
                    Duration first = Duration.ofSeconds(firstSeconds);
                    Duration giveUp = Duration.ofHours(giveUpHours);
                    return new RetrySchedule(
                            first, first.multipliedBy(maxFactor), giveUp.compareTo(first) < 0 ? first : giveUp);
                });
    }

    @Property
    void each_delay_is_the_doubled_delay_capped_and_jittered_by_at_most_20_percent(
            @ForAll("schedules") RetrySchedule schedule,
            @ForAll @IntRange(min = 1, max = 200) int attemptsMade,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double jitter) {
        Duration base = schedule.maxDelay();
        if (attemptsMade - 1 < 40) {
            Duration doubled = schedule.firstDelay().multipliedBy(1L << (attemptsMade - 1));
            base = doubled.compareTo(schedule.maxDelay()) < 0 ? doubled : schedule.maxDelay();
        }
        Duration delay = schedule.backoff(attemptsMade, jitter);

        assertThat(delay)
                .isBetween(
                        base.multipliedBy(80).dividedBy(100).minus(ROUNDING),
                        base.multipliedBy(120).dividedBy(100).plus(ROUNDING));
    }

    @Property
    void attempts_move_forward_and_never_past_the_deadline_which_is_the_last_attempt(
            @ForAll("schedules") RetrySchedule schedule,
            @ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = 0, max = 1, maxIncluded = false) Double> jitters) {
        List<Instant> at = attempts(schedule, jitters, Optional.empty());
        Instant deadline = CREATED.plus(schedule.giveUpAfter());

        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i)).isAfter(at.get(i - 1)).isBeforeOrEqualTo(deadline);
        }
        assertThat(at.size()).isLessThanOrEqualTo(RetrySchedule.ATTEMPTS_MAX);
        if (at.size() < RetrySchedule.ATTEMPTS_MAX) {
            assertThat(at.get(at.size() - 1)).isEqualTo(deadline);
        }
    }

    @Property
    void the_standard_schedule_spans_exactly_five_days_in_a_few_dozen_attempts(
            @ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = 0, max = 1, maxIncluded = false) Double> jitters) {
        List<Instant> at = attempts(RetrySchedule.STANDARD, jitters, Optional.empty());

        assertThat(Duration.between(CREATED, at.get(at.size() - 1))).isEqualTo(Duration.ofDays(5));
        assertThat(at.size()).isBetween(10, 40);
    }

    @Property
    void retry_after_lengthens_a_delay_up_to_the_longest_delay_and_never_shortens_it(
            @ForAll("schedules") RetrySchedule schedule,
            @ForAll @IntRange(min = 1, max = 30) int attemptsMade,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double jitter,
            @ForAll @LongRange(min = 0, max = 30 * 24 * 3_600) long retryAfterSeconds) {
        Duration retryAfter = Duration.ofSeconds(retryAfterSeconds);
        Instant now = CREATED.plusSeconds(1);
        Instant deadline = CREATED.plus(schedule.giveUpAfter());
        Optional<Instant> next = schedule.next(attemptsMade, CREATED, now, Optional.of(retryAfter), jitter);
        if (!now.isBefore(deadline)) {
            assertThat(next).isEmpty();
            return;
        }
        Duration backoff = schedule.backoff(attemptsMade, jitter);
        Duration honoured = retryAfter.compareTo(schedule.maxDelay()) > 0 ? schedule.maxDelay() : retryAfter;
        Duration expected = honoured.compareTo(backoff) > 0 ? honoured : backoff;
        Instant planned = now.plus(expected);

        assertThat(next).contains(planned.isAfter(deadline) ? deadline : planned);
    }

    @Property
    void nothing_is_planned_at_or_after_the_deadline(
            @ForAll("schedules") RetrySchedule schedule,
            @ForAll @LongRange(min = 0, max = 1_000_000) long secondsLate,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double jitter) {
        Instant now = CREATED.plus(schedule.giveUpAfter()).plusSeconds(secondsLate);

        assertThat(schedule.next(2, CREATED, now, Optional.empty(), jitter)).isEmpty();
    }
}
