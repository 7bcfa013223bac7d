package network.peere.persistence.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.recurring.Cadence;
import network.peere.core.domain.recurring.Frequency;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * Schedules for tests: {@code schedule(mode, n, merchant, createdAt)} bills 1,500 NGN monthly on agreement
 * {@code cd_1} for customer {@code cus_1} at {@code bank_1}, anchored at {@code createdAt} in Lagos, with the default
 * 3-day notice, until cancelled; {@code n} makes its id unique.
 */
public final class TestSchedules {
    public static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");

    private TestSchedules() {}

    public static Schedule schedule(Mode mode, String n, String merchant, Instant createdAt) {
        return schedule(mode, n, merchant, createdAt, Schedule.Ending.NONE);
    }

    /** As {@link #schedule(Mode, String, String, Instant)}, ending as {@code ending} says. */
    public static Schedule schedule(Mode mode, String n, String merchant, Instant createdAt, Schedule.Ending ending) {
        return Schedule.create(
                "rsc_" + n,
                new Schedule.Parties(
                        mode,
                        new ParticipantId(merchant),
                        new ParticipantId("bank_1"),
                        "cd_1",
                        new CustomerId("cus_1")),
                new Schedule.Terms(
                        Money.of(150_000, "NGN"),
                        "Gym membership",
                        Cadence.monthly(),
                        createdAt,
                        Schedule.DEFAULT_NOTICE_OFFSETS,
                        0,
                        Optional.empty(),
                        ending,
                        Optional.empty()),
                LAGOS,
                createdAt);
    }

    /**
     * Quarterly, with several notices, retries, metadata, a customer of its own, both limits of an ending (twelve
     * billings, or ten years) and the link payment it renews.
     */
    public static Schedule scheduleWithEverything(Mode mode, String n, Instant createdAt) {
        return Schedule.create(
                "rsc_" + n,
                new Schedule.Parties(
                        mode, new ParticipantId("mer_1"), new ParticipantId("bank_1"), "cd_9", new CustomerId("cus_9")),
                new Schedule.Terms(
                        Money.of(250_050, "NGN"),
                        "Ọlá’s bakery — box 🍞",
                        new Cadence(Frequency.MONTHLY, 3),
                        createdAt,
                        List.of(7, 3, 1),
                        2,
                        Optional.of(new Metadata("{\"plan\":\"gold\",\"note\":\"délivered 🍞\"}")),
                        new Schedule.Ending(Optional.of(12L), Optional.of(createdAt.plus(Duration.ofDays(3_652)))),
                        Optional.of("lpy_" + n)),
                ZoneId.of("America/New_York"),
                createdAt);
    }

    public static Run run(Schedule schedule, Instant now) {
        return Run.of(schedule, now);
    }
}
