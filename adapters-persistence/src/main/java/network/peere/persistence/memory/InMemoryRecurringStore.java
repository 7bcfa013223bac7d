package network.peere.persistence.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleFilter;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.RecurringStore;

/** Schedules and runs in maps, behaving as the two tables do (their contract tests say how). */
final class InMemoryRecurringStore implements RecurringStore {
    private static final Comparator<Schedule> NEWEST_FIRST = Comparator.comparing(Schedule::createdAt)
            .thenComparing(Schedule::id)
            .reversed();
    private static final Comparator<Schedule> OLDEST_FIRST =
            Comparator.comparing(Schedule::createdAt).thenComparing(Schedule::id);
    private static final Comparator<Schedule> EARLIEST_ACTION =
            Comparator.comparing(Schedule::nextActionAt).thenComparing(Schedule::id);
    private static final Comparator<Run> EARLIEST_RETRY = Comparator.comparing(
                    (Run r) -> r.retryAt().orElseThrow())
            .thenComparing(Run::scheduleId)
            .thenComparing(Run::period);

    /** The period key, as the table's primary key. */
    private record RunKey(String scheduleId, long period) {}

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<String, Schedule> schedules = new HashMap<>();

    private final Map<RunKey, Run> runs = new HashMap<>();

    /** Resolves the merchants a list covers. */
    private final MerchantScopes merchantScopes;

    InMemoryRecurringStore(InMemoryTransactor transactor, MerchantScopes merchantScopes) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.merchantScopes = Objects.requireNonNull(merchantScopes, "merchantScopes");
    }

    @Override
    public void insert(Schedule schedule) {
        Schedule row = stored(schedule);
        transactor.useTransaction(() -> {
            if (schedules.containsKey(row.id())) {
                throw new IllegalStateException("duplicate schedule id " + row.id());
            }
            schedules.put(row.id(), row);
            transactor.onRollback(() -> schedules.remove(row.id()));
        });
    }

    @Override
    public boolean update(Schedule changed) {
        Schedule row = stored(changed);
        return transactor.inTransaction(() -> {
            Schedule current = schedules.get(row.id());
            if (current == null || current.mode() != row.mode() || current.version() != row.version() - 1) {
                return false;
            }
            put(current, row);
            return true;
        });
    }

    @Override
    public boolean markFailed(Mode mode, String scheduleId, Instant at) {
        return transactor.inTransaction(() -> {
            Schedule current = schedules.get(scheduleId);
            if (current == null || current.mode() != mode || current.status().isFinal()) {
                return false;
            }
            put(current, stored(current.fail(at)));
            return true;
        });
    }

    private void put(Schedule current, Schedule next) {
        schedules.put(next.id(), next);
        transactor.onRollback(() -> schedules.put(current.id(), current));
    }

    @Override
    public Optional<Schedule> find(Mode mode, String id) {
        return transactor.inTransaction(
                () -> Optional.ofNullable(schedules.get(id)).filter(s -> s.mode() == mode));
    }

    @Override
    public List<Schedule> openForAgreement(Mode mode, String agreementId) {
        return transactor.inTransaction(() -> schedules.values().stream()
                .filter(s -> s.mode() == mode
                        && s.agreementId().equals(agreementId)
                        && !s.status().isFinal())
                .sorted(OLDEST_FIRST)
                .toList());
    }

    @Override
    public Page<Schedule> list(Mode mode, ScheduleFilter filter, PageRequest page) {
        Predicate<ParticipantId> inScope = merchantScopes.includes(mode, filter.merchants());
        return transactor.inTransaction(() -> {
            List<Schedule> all = schedules.values().stream()
                    .filter(s -> s.mode() == mode
                            && inScope.test(s.merchantId())
                            && filter.customerId()
                                    .map(s.customerId().value()::equals)
                                    .orElse(true)
                            && filter.status().map(s.status()::equals).orElse(true))
                    .sorted(NEWEST_FIRST)
                    .toList();
            return new Page<>(
                    all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
        });
    }

    @Override
    public List<Schedule> dueSchedules(Instant now, int limit) {
        return transactor.inTransaction(() -> schedules.values().stream()
                .filter(s ->
                        s.status() == ScheduleStatus.ACTIVE && !s.nextActionAt().isAfter(now))
                .sorted(EARLIEST_ACTION)
                .limit(limit)
                .toList());
    }

    @Override
    public boolean insertRun(Run run) {
        Run row = stored(run);
        RunKey key = new RunKey(row.scheduleId(), row.period());
        return transactor.inTransaction(() -> {
            if (runs.containsKey(key)) {
                return false;
            }
            runs.put(key, row);
            transactor.onRollback(() -> runs.remove(key));
            return true;
        });
    }

    @Override
    public boolean updateRun(Run changed) {
        Run row = stored(changed);
        RunKey key = new RunKey(row.scheduleId(), row.period());
        return transactor.inTransaction(() -> {
            Run current = runs.get(key);
            if (current == null || current.mode() != row.mode() || current.version() != row.version() - 1) {
                return false;
            }
            // What an update leaves alone stays as it was stored.
            Run next = new Run(
                    current.scheduleId(),
                    current.mode(),
                    current.period(),
                    current.dueAt(),
                    current.amount(),
                    row.state(),
                    row.chargeId(),
                    row.attempts(),
                    row.notifiedAt(),
                    row.retryAt(),
                    row.failureReason(),
                    current.createdAt(),
                    row.updatedAt(),
                    row.version());
            runs.put(key, next);
            transactor.onRollback(() -> runs.put(key, current));
            return true;
        });
    }

    @Override
    public Optional<Run> findRun(Mode mode, String scheduleId, long period) {
        return transactor.inTransaction(() ->
                Optional.ofNullable(runs.get(new RunKey(scheduleId, period))).filter(r -> r.mode() == mode));
    }

    @Override
    public Optional<Run> findRunByCharge(Mode mode, String chargeId) {
        return transactor.inTransaction(() -> runs.values().stream()
                .filter(r -> r.mode() == mode && r.chargeId().equals(Optional.of(chargeId)))
                .findFirst());
    }

    @Override
    public List<Run> findRunsByCharges(Mode mode, java.util.Collection<String> chargeIds) {
        return transactor.inTransaction(() -> runs.values().stream()
                .filter(r -> r.mode() == mode
                        && r.chargeId().filter(chargeIds::contains).isPresent())
                .toList());
    }

    @Override
    public List<Run> runs(Mode mode, String scheduleId, int limit) {
        return transactor.inTransaction(() -> runs.values().stream()
                .filter(r -> r.mode() == mode && r.scheduleId().equals(scheduleId))
                .sorted(Comparator.comparingLong(Run::period).reversed())
                .limit(limit)
                .toList());
    }

    @Override
    public List<Run> dueRetries(Instant now, int limit) {
        return transactor.inTransaction(() -> runs.values().stream()
                .filter(r -> r.state() == RunState.RETRYING
                        && !r.retryAt().orElseThrow().isAfter(now))
                .sorted(EARLIEST_RETRY)
                .limit(limit)
                .toList());
    }

    private static Schedule stored(Schedule s) {
        Instant anchor = Micros.truncate(s.anchor());
        return new Schedule(
                s.id(),
                s.mode(),
                s.merchantId(),
                s.bankId(),
                s.agreementId(),
                s.customerId(),
                s.amount(),
                s.description(),
                s.cadence(),
                s.zone(),
                s.status(),
                anchor,
                s.nextPeriod(),
                s.cadence().due(anchor, s.zone(), s.nextPeriod()),
                s.noticesSent(),
                s.noticeOffsetDays(),
                s.retries(),
                s.metadata(),
                new Schedule.Ending(
                        s.ending().maxBillings(), s.ending().endBefore().map(Micros::truncate)),
                s.linkPaymentId(),
                Micros.truncate(s.createdAt()),
                Micros.truncate(s.updatedAt()),
                s.version());
    }

    private static Run stored(Run r) {
        return new Run(
                r.scheduleId(),
                r.mode(),
                r.period(),
                Micros.truncate(r.dueAt()),
                r.amount(),
                r.state(),
                r.chargeId(),
                r.attempts(),
                r.notifiedAt().map(Micros::truncate),
                r.retryAt().map(Micros::truncate),
                r.failureReason(),
                Micros.truncate(r.createdAt()),
                Micros.truncate(r.updatedAt()),
                r.version());
    }
}
