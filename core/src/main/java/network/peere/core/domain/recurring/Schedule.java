package network.peere.core.domain.recurring;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;

/**
 * A merchant's recurring schedule on an {@code approve_recurring} agreement: one amount each period of its cadence,
 * counted from the anchor in the bank's time zone. It knows its next period, when that period is due, and how many of
 * the period's pre-debit notices went out; {@link #nextActionAt()} is when the renewal engine must look at it next.
 * Immutable: every change returns the next version, or throws when the transition is not allowed.
 */
public record Schedule(
        String id,
        Mode mode,
        ParticipantId merchantId,
        ParticipantId bankId,
        String agreementId,
        CustomerId customerId,
        Money amount,
        String description,
        Cadence cadence,
        ZoneId zone,
        ScheduleStatus status,
        Instant anchor,
        long nextPeriod,
        Instant nextDueAt,
        int noticesSent,
        List<Integer> noticeOffsetDays,
        int retries,
        Optional<Metadata> metadata,
        Ending ending,
        Optional<String> linkPaymentId,
        Instant createdAt,
        Instant updatedAt,
        long version) {
    public static final String ID_PREFIX = "rsc";
    public static final List<Integer> DEFAULT_NOTICE_OFFSETS = List.of(3);
    public static final int NOTICE_OFFSETS_MAX = 5;
    public static final int NOTICE_OFFSET_DAYS_MAX = 30;
    public static final int RETRIES_MAX = 10;
    public static final int DESCRIPTION_LENGTH_MAX = 200;

    public Schedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(nextDueAt, "nextDueAt");
        noticeOffsetDays = normalisedOffsets(noticeOffsetDays);
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(linkPaymentId, "linkPaymentId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a schedule bills a positive amount");
        }
        if (description.isBlank() || description.length() > DESCRIPTION_LENGTH_MAX) {
            throw new IllegalArgumentException("a description is 1-" + DESCRIPTION_LENGTH_MAX + " characters");
        }
        if (retries < 0 || retries > RETRIES_MAX) {
            throw new IllegalArgumentException("retries are 0-" + RETRIES_MAX);
        }
        if (!nextDueAt.equals(cadence.due(anchor, zone, nextPeriod))) {
            throw new IllegalArgumentException("the next due time is the anchor plus the next period");
        }
        if (noticesSent < 0 || noticesSent > noticeOffsetDays.size()) {
            throw new IllegalArgumentException("at most one notice per offset");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** Distinct, each 1-{@value #NOTICE_OFFSET_DAYS_MAX} days, longest first (the order the notices go out). */
    public static List<Integer> normalisedOffsets(List<Integer> offsets) {
        List<Integer> sorted = new ArrayList<>(offsets.stream().distinct().toList());
        sorted.sort(Comparator.reverseOrder());
        if (sorted.size() > NOTICE_OFFSETS_MAX
                || sorted.stream().anyMatch(d -> d == null || d < 1 || d > NOTICE_OFFSET_DAYS_MAX)) {
            throw new IllegalArgumentException(
                    "at most " + NOTICE_OFFSETS_MAX + " notice offsets of 1-" + NOTICE_OFFSET_DAYS_MAX + " days");
        }
        return List.copyOf(sorted);
    }

    /**
     * When a schedule stops on its own: after {@code maxBillings} periods, or before the first period due at or after
     * {@code endBefore}. {@link #NONE} runs until cancelled.
     */
    public record Ending(Optional<Long> maxBillings, Optional<Instant> endBefore) {
        public static final Ending NONE = new Ending(Optional.empty(), Optional.empty());
        public static final long MAX_BILLINGS_MAX = 100_000;

        public Ending {
            Objects.requireNonNull(maxBillings, "maxBillings");
            Objects.requireNonNull(endBefore, "endBefore");
            if (maxBillings.filter(m -> m < 1 || m > MAX_BILLINGS_MAX).isPresent()) {
                throw new IllegalArgumentException("maxBillings is 1-" + MAX_BILLINGS_MAX);
            }
        }

        public static Ending once() {
            return new Ending(Optional.of(1L), Optional.empty());
        }

        /** Whether {@code period}, due at {@code dueAt}, is past the end (never billed). */
        public boolean excludes(long period, Instant dueAt) {
            return maxBillings.filter(m -> period >= m).isPresent()
                    || endBefore.filter(end -> !dueAt.isBefore(end)).isPresent();
        }
    }

    /**
     * What a merchant sets up; the anchor is period 0, due at once when it is now. {@code linkPaymentId} names the
     * payment-link payment the schedule renews, when a link made it.
     */
    public record Terms(
            Money amount,
            String description,
            Cadence cadence,
            Instant anchor,
            List<Integer> noticeOffsetDays,
            int retries,
            Optional<Metadata> metadata,
            Ending ending,
            Optional<String> linkPaymentId) {
        public Terms {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(cadence, "cadence");
            Objects.requireNonNull(anchor, "anchor");
            noticeOffsetDays = List.copyOf(noticeOffsetDays);
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(ending, "ending");
            Objects.requireNonNull(linkPaymentId, "linkPaymentId");
        }
    }

    /** Who the schedule is between: the agreement's parties. */
    public record Parties(
            Mode mode, ParticipantId merchantId, ParticipantId bankId, String agreementId, CustomerId customerId) {
        public Parties {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(merchantId, "merchantId");
            Objects.requireNonNull(bankId, "bankId");
            Objects.requireNonNull(agreementId, "agreementId");
            Objects.requireNonNull(customerId, "customerId");
        }
    }

    public static Schedule create(String id, Parties parties, Terms terms, ZoneId zone, Instant now) {
        return new Schedule(
                id,
                parties.mode(),
                parties.merchantId(),
                parties.bankId(),
                parties.agreementId(),
                parties.customerId(),
                terms.amount(),
                terms.description(),
                terms.cadence(),
                zone,
                ScheduleStatus.ACTIVE,
                terms.anchor(),
                0,
                terms.cadence().due(terms.anchor(), zone, 0),
                0,
                terms.noticeOffsetDays(),
                terms.retries(),
                terms.metadata(),
                terms.ending(),
                terms.linkPaymentId(),
                now,
                now,
                1);
    }

    /** When the {@code i}-th notice (longest offset first) of the next period is due: whole local days before. */
    public Instant noticeAt(int i) {
        return nextDueAt.atZone(zone).minusDays(noticeOffsetDays.get(i)).toInstant();
    }

    /** The next notice or the due time itself, whichever comes first: when the engine looks again. */
    public Instant nextActionAt() {
        return noticesSent < noticeOffsetDays.size() ? noticeAt(noticesSent) : nextDueAt;
    }

    public boolean isDue(Instant now) {
        return !now.isBefore(nextDueAt);
    }

    /** How many of the next period's notices are due by {@code now} (one notice covers any it came too late for). */
    public int noticesDueBy(Instant now) {
        int due = noticesSent;
        while (due < noticeOffsetDays.size() && !noticeAt(due).isAfter(now)) {
            due++;
        }
        return due;
    }

    public Schedule noticed(int sent, Instant now) {
        if (status != ScheduleStatus.ACTIVE || sent <= noticesSent) {
            throw new IllegalStateException("schedule " + id + " has no new notice to record");
        }
        return next(status, nextPeriod, sent, now);
    }

    /**
     * The next period's run went out: the schedule moves on to the period after it, or is {@code completed} when that
     * period is past its {@link Ending}.
     */
    public Schedule advanced(Instant now) {
        if (status != ScheduleStatus.ACTIVE) {
            throw new IllegalStateException("schedule " + id + " is not active");
        }
        long following = nextPeriod + 1;
        boolean ends = ending.excludes(following, cadence.due(anchor, zone, following));
        return next(ends ? ScheduleStatus.COMPLETED : status, following, 0, now);
    }

    public Schedule pause(Instant now) {
        return moveTo(ScheduleStatus.PAUSED, nextPeriod, noticesSent, now);
    }

    /** Periods whose due time passed while paused are skipped, not charged late; past the end, it is completed. */
    public Schedule resume(Instant now) {
        long period = cadence.firstPeriodDueFrom(anchor, zone, nextPeriod, now);
        ScheduleStatus target = ending.excludes(period, cadence.due(anchor, zone, period))
                ? ScheduleStatus.COMPLETED
                : ScheduleStatus.ACTIVE;
        return moveTo(target, period, period == nextPeriod ? noticesSent : 0, now);
    }

    public Schedule cancel(Instant now) {
        return moveTo(ScheduleStatus.CANCELLED, nextPeriod, noticesSent, now);
    }

    public Schedule fail(Instant now) {
        return moveTo(ScheduleStatus.FAILED, nextPeriod, noticesSent, now);
    }

    private Schedule moveTo(ScheduleStatus target, long period, int notices, Instant now) {
        if (!status.canBecome(target)) {
            throw new IllegalStateException("schedule " + id + " cannot go from " + status + " to " + target);
        }
        return next(target, period, notices, now);
    }

    private Schedule next(ScheduleStatus nextStatus, long period, int notices, Instant now) {
        return new Schedule(
                id,
                mode,
                merchantId,
                bankId,
                agreementId,
                customerId,
                amount,
                description,
                cadence,
                zone,
                nextStatus,
                anchor,
                period,
                cadence.due(anchor, zone, period),
                notices,
                noticeOffsetDays,
                retries,
                metadata,
                ending,
                linkPaymentId,
                createdAt,
                now,
                version + 1);
    }
}
