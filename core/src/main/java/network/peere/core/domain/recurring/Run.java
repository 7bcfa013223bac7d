package network.peere.core.domain.recurring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.shared.Mode;

/**
 * One period of a schedule: at most one per (schedule, period), which the store's unique key guarantees whatever
 * number of engines run. Its amount is locked when the first pre-debit notice names it; {@code chargeId} is the
 * billing request it last submitted, and {@code attempts} how many it submitted.
 */
public record Run(
        String scheduleId,
        Mode mode,
        long period,
        Instant dueAt,
        Money amount,
        RunState state,
        Optional<String> chargeId,
        int attempts,
        Optional<Instant> notifiedAt,
        Optional<Instant> retryAt,
        Optional<String> failureReason,
        Instant createdAt,
        Instant updatedAt,
        long version) {
    /** A declined run is tried again a day later, as often as the schedule allows. */
    public static final Duration RETRY_AFTER = Duration.ofDays(1);

    public static final int REASON_LENGTH_MAX = 200;

    public Run {
        Objects.requireNonNull(scheduleId, "scheduleId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(notifiedAt, "notifiedAt");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        failureReason = failureReason.map(r -> r.length() > REASON_LENGTH_MAX ? r.substring(0, REASON_LENGTH_MAX) : r);
        if (period < 0 || attempts < 0 || !amount.isPositive()) {
            throw new IllegalArgumentException("a run has a period, a count of attempts and a positive amount");
        }
        if (state == RunState.RETRYING && retryAt.isEmpty()) {
            throw new IllegalArgumentException("a retrying run knows when it retries");
        }
        if (state == RunState.SUBMITTED && chargeId.isEmpty()) {
            throw new IllegalArgumentException("a submitted run names its billing request");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** The schedule's next period as it stands now, before anything is sent or submitted. */
    public static Run of(Schedule schedule, Instant now) {
        return new Run(
                schedule.id(),
                schedule.mode(),
                schedule.nextPeriod(),
                schedule.nextDueAt(),
                schedule.amount(),
                RunState.SCHEDULED,
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                now,
                now,
                1);
    }

    /** The pre-debit notice named the amount: it is this run's amount from now on. */
    public Run notified(Instant now) {
        return moveTo(RunState.NOTIFIED, chargeId, attempts, Optional.of(now), retryAt, failureReason, now);
    }

    public Run submitted(String charge, Instant now) {
        return moveTo(
                RunState.SUBMITTED,
                Optional.of(charge),
                attempts + 1,
                notifiedAt,
                Optional.empty(),
                failureReason,
                now);
    }

    public Run paid(Instant now) {
        return moveTo(RunState.PAID, chargeId, attempts, notifiedAt, Optional.empty(), Optional.empty(), now);
    }

    /** Whether a failed attempt may be tried again at all: not when the agreement itself ended. */
    public enum Retry {
        ALLOWED,
        NOT_ALLOWED
    }

    /** The bank declined (or the request expired): retried a day later while the schedule's retries last. */
    public Run declined(String reason, Retry retry, int retries, Instant now) {
        return afterAttempt(reason, retry, retries, attempts, now);
    }

    /** Refused before it reached the bank (a limit, the agreement ended): an attempt too. */
    public Run refused(String reason, Retry retry, int retries, Instant now) {
        return afterAttempt(reason, retry, retries, attempts + 1, now);
    }

    public Run failed(String reason, Instant now) {
        return moveTo(RunState.FAILED, chargeId, attempts, notifiedAt, Optional.empty(), Optional.of(reason), now);
    }

    private Run afterAttempt(String reason, Retry retry, int retries, int attemptsMade, Instant now) {
        // attempts = the first try plus the retries made so far
        boolean again = retry == Retry.ALLOWED && attemptsMade <= retries;
        return moveTo(
                again ? RunState.RETRYING : RunState.FAILED,
                chargeId,
                attemptsMade,
                notifiedAt,
                again ? Optional.of(now.plus(RETRY_AFTER)) : Optional.empty(),
                Optional.of(reason),
                now);
    }

    private Run moveTo(
            RunState next,
            Optional<String> nextCharge,
            int nextAttempts,
            Optional<Instant> nextNotifiedAt,
            Optional<Instant> nextRetryAt,
            Optional<String> nextReason,
            Instant now) {
        if (!state.canBecome(next)) {
            throw new IllegalStateException(
                    "run " + scheduleId + "#" + period + " cannot go from " + state + " to " + next);
        }
        return new Run(
                scheduleId,
                mode,
                period,
                dueAt,
                amount,
                next,
                nextCharge,
                nextAttempts,
                nextNotifiedAt,
                nextRetryAt,
                nextReason,
                createdAt,
                now,
                version + 1);
    }
}
