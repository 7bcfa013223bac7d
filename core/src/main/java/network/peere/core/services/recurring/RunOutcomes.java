package network.peere.core.services.recurring;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.billing.RenewalOutcomes;

/**
 * What a run's charge ended as, recorded in the charge's transaction: confirmed → {@code paid}; declined or expired →
 * {@code retrying} while the schedule's retries last, else {@code failed} and the schedule {@code failed}; declined
 * because the agreement is suspended → {@code failed} at once, the schedule too.
 */
public final class RunOutcomes implements RenewalOutcomes {
    private final PeereStores stores;
    private final Clock clock;
    private final ScheduleOutcomes outcomes;

    public RunOutcomes(PeereStores stores, Clock clock, ScheduleOutcomes outcomes) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    @Override
    public Set<String> renewals(Mode mode, Collection<String> chargeIds) {
        Set<String> renewals = new HashSet<>();
        stores.recurring()
                .findRunsByCharges(mode, chargeIds)
                .forEach(run -> renewals.add(run.chargeId().orElseThrow()));
        return renewals;
    }

    @Override
    public Optional<String> chargeEnded(Charge ended) {
        Optional<Run> found = stores.recurring().findRunByCharge(ended.mode(), ended.id());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Run run = found.get();
        if (run.state() != RunState.SUBMITTED) {
            // Only the run's latest attempt is waiting; an older charge of it ended long ago.
            return Optional.of(run.scheduleId());
        }
        Schedule schedule = stores.recurring()
                .find(run.mode(), run.scheduleId())
                .orElseThrow(() -> new IllegalStateException("run of a missing schedule " + run.scheduleId()));
        var now = clock.now();
        Run next;
        if (ended.status() == ChargeStatus.CONFIRMED) {
            next = run.paid(now);
        } else {
            boolean suspended = ended.bankAction().equals(Optional.of(CustomerDecision.SUSPENDED));
            next = run.declined(
                    ended.declineReason().orElse(Charge.EXPIRED_REASON),
                    suspended ? Run.Retry.NOT_ALLOWED : Run.Retry.ALLOWED,
                    schedule.retries(),
                    now);
        }
        // The engine never changes a submitted run, and this transaction holds the charge's row lock.
        Invariants.check(stores.recurring().updateRun(next), "a submitted run changes only with its charge");
        if (next.state() == RunState.PAID) {
            outcomes.runPaid(schedule, next);
        } else if (next.state() == RunState.FAILED) {
            boolean failedNow = stores.recurring().markFailed(run.mode(), run.scheduleId(), now);
            outcomes.runFailed(failedNow ? schedule.fail(now) : schedule, next);
        }
        return Optional.of(run.scheduleId());
    }
}
