package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.recurring.Cadence;
import network.peere.core.domain.recurring.Frequency;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.RunState;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleFilter;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.RecurringStore;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Schedules in {@code recurring_schedules}, runs in {@code recurring_runs} keyed by (schedule, period). */
final class JdbiRecurringStore implements RecurringStore {
    private static final String SCHEDULE_COLUMNS = """
            s.id, s.mode, s.merchant_id, s.bank_id, s.agreement_id, s.customer_id, s.currency, s.amount_minor,
            s.description, s.frequency, s.interval_count, s.time_zone, s.status, s.anchor_at, s.next_period,
            s.next_due_at, s.notices_sent, s.notice_offsets, s.retries, s.metadata, s.max_billings, s.end_before,
            s.link_payment_id, s.created_at, s.updated_at, s.version""";

    private static final String INSERT_SCHEDULE = """
            INSERT INTO recurring_schedules (id, mode, merchant_id, bank_id, agreement_id, customer_id, currency,
                                             amount_minor, description, frequency, interval_count, time_zone, status,
                                             anchor_at, next_period, next_due_at, notices_sent, notice_offsets,
                                             next_action_at, retries, metadata, max_billings, end_before,
                                             link_payment_id, created_at, updated_at, version)
            VALUES (:id, :mode, :merchant_id, :bank_id, :agreement_id, :customer_id, :currency, :amount_minor,
                    :description, :frequency, :interval_count, :time_zone, :status, :anchor_at, :next_period,
                    :next_due_at, :notices_sent, :notice_offsets, :next_action_at, :retries, :metadata, :max_billings,
                    :end_before, :link_payment_id, :created_at, :updated_at, :version)""";

    /** Only what a schedule's life changes. */
    private static final String UPDATE_SCHEDULE = """
            UPDATE recurring_schedules
               SET status = :status, next_period = :next_period, next_due_at = :next_due_at,
                   notices_sent = :notices_sent, next_action_at = :next_action_at, updated_at = :updated_at,
                   version = :version
             WHERE id = :id AND mode = :mode AND version = :expected_version""";

    private static final String MARK_FAILED = """
            UPDATE recurring_schedules
               SET status = 'FAILED', updated_at = :at, version = version + 1
             WHERE id = :id AND mode = :mode AND status IN ('ACTIVE', 'PAUSED')""";

    private static final String FIND_SCHEDULE =
            "SELECT " + SCHEDULE_COLUMNS + " FROM recurring_schedules s WHERE s.mode = :mode AND s.id = :id";

    private static final String OPEN_FOR_AGREEMENT = "SELECT " + SCHEDULE_COLUMNS + """
             FROM recurring_schedules s
            WHERE s.mode = :mode AND s.agreement_id = :agreement_id AND s.status IN ('ACTIVE', 'PAUSED')
            ORDER BY s.created_at, s.id""";

    private static final String LIST = """
            SELECT %s, COUNT(*) OVER () AS total_matches
              FROM recurring_schedules s
             WHERE %s
             ORDER BY s.created_at DESC, s.id DESC
             LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM recurring_schedules s WHERE %s";

    private static final String DUE_SCHEDULES = "SELECT " + SCHEDULE_COLUMNS + """
             FROM recurring_schedules s
            WHERE s.status = 'ACTIVE' AND s.next_action_at <= :now
            ORDER BY s.next_action_at, s.id
            LIMIT :limit""";

    private static final String RUN_COLUMNS = """
            r.schedule_id, r.period_number, r.mode, r.due_at, r.currency, r.amount_minor, r.state, r.charge_id,
            r.attempts, r.notified_at, r.retry_at, r.failure_reason, r.created_at, r.updated_at, r.version""";

    private static final String INSERT_RUN = """
            INSERT INTO recurring_runs (schedule_id, period_number, mode, due_at, currency, amount_minor, state,
                                        charge_id, attempts, notified_at, retry_at, failure_reason, created_at,
                                        updated_at, version)
            VALUES (:schedule_id, :period_number, :mode, :due_at, :currency, :amount_minor, :state, :charge_id,
                    :attempts, :notified_at, :retry_at, :failure_reason, :created_at, :updated_at, :version)""";

    private static final String UPDATE_RUN = """
            UPDATE recurring_runs
               SET state = :state, charge_id = :charge_id, attempts = :attempts, notified_at = :notified_at,
                   retry_at = :retry_at, failure_reason = :failure_reason, updated_at = :updated_at,
                   version = :version
             WHERE schedule_id = :schedule_id AND period_number = :period_number AND mode = :mode
               AND version = :expected_version""";

    private static final String FIND_RUN = "SELECT " + RUN_COLUMNS + """
             FROM recurring_runs r
            WHERE r.mode = :mode AND r.schedule_id = :schedule_id AND r.period_number = :period_number""";

    private static final String FIND_RUN_BY_CHARGE =
            "SELECT " + RUN_COLUMNS + " FROM recurring_runs r WHERE r.mode = :mode AND r.charge_id = :charge_id";

    private static final String FIND_RUNS_BY_CHARGES =
            "SELECT " + RUN_COLUMNS + " FROM recurring_runs r WHERE r.mode = :mode AND r.charge_id IN (<charge_ids>)";

    private static final String RUNS = "SELECT " + RUN_COLUMNS + """
             FROM recurring_runs r
            WHERE r.mode = :mode AND r.schedule_id = :schedule_id
            ORDER BY r.period_number DESC
            LIMIT :limit""";

    private static final String DUE_RETRIES = "SELECT " + RUN_COLUMNS + """
             FROM recurring_runs r
            WHERE r.state = 'RETRYING' AND r.retry_at <= :now
            ORDER BY r.retry_at, r.schedule_id, r.period_number
            LIMIT :limit""";

    private final JdbiTransactor transactor;

    JdbiRecurringStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(Schedule schedule) {
        transactor.withHandle(handle -> bindChangeable(handle.createUpdate(INSERT_SCHEDULE), schedule)
                .bind("merchant_id", schedule.merchantId().value())
                .bind("bank_id", schedule.bankId().value())
                .bind("agreement_id", schedule.agreementId())
                .bind("customer_id", schedule.customerId().value())
                .bind("currency", schedule.amount().currency().getCurrencyCode())
                .bind("amount_minor", schedule.amount().minor())
                .bind("description", schedule.description())
                .bind("frequency", schedule.cadence().frequency().name())
                .bind("interval_count", schedule.cadence().interval())
                .bind("time_zone", schedule.zone().getId())
                .bind("anchor_at", UtcColumns.toColumn(schedule.anchor()))
                .bind(
                        "notice_offsets",
                        schedule.noticeOffsetDays().stream()
                                .map(String::valueOf)
                                .collect(Collectors.joining(",")))
                .bind("retries", schedule.retries())
                .bind("metadata", schedule.metadata().map(Metadata::json).orElse(null))
                .bind("max_billings", schedule.ending().maxBillings().orElse(null))
                .bind(
                        "end_before",
                        schedule.ending().endBefore().map(UtcColumns::toColumn).orElse(null))
                .bind("link_payment_id", schedule.linkPaymentId().orElse(null))
                .bind("created_at", UtcColumns.toColumn(schedule.createdAt()))
                .execute());
    }

    @Override
    public boolean update(Schedule changed) {
        int rows = transactor.withHandle(handle -> bindChangeable(handle.createUpdate(UPDATE_SCHEDULE), changed)
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    private static <S extends SqlStatement<S>> S bindChangeable(S statement, Schedule s) {
        return statement
                .bind("id", s.id())
                .bind("mode", s.mode().name())
                .bind("status", s.status().name())
                .bind("next_period", s.nextPeriod())
                .bind("next_due_at", UtcColumns.toColumn(s.nextDueAt()))
                .bind("notices_sent", s.noticesSent())
                .bind("next_action_at", UtcColumns.toColumn(s.nextActionAt()))
                .bind("updated_at", UtcColumns.toColumn(s.updatedAt()))
                .bind("version", s.version());
    }

    @Override
    public boolean markFailed(Mode mode, String scheduleId, Instant at) {
        int rows = transactor.withHandle(handle -> handle.createUpdate(MARK_FAILED)
                .bind("id", scheduleId)
                .bind("mode", mode.name())
                .bind("at", UtcColumns.toColumn(at))
                .execute());
        return rows == 1;
    }

    @Override
    public Optional<Schedule> find(Mode mode, String id) {
        return transactor.query(
                FIND_SCHEDULE,
                query -> query.bind("mode", mode.name())
                        .bind("id", id)
                        .map(JdbiRecurringStore::schedule)
                        .findOne());
    }

    @Override
    public List<Schedule> openForAgreement(Mode mode, String agreementId) {
        return transactor.query(
                OPEN_FOR_AGREEMENT,
                query -> query.bind("mode", mode.name())
                        .bind("agreement_id", agreementId)
                        .map(JdbiRecurringStore::schedule)
                        .list());
    }

    @Override
    public Page<Schedule> list(Mode mode, ScheduleFilter filter, PageRequest page) {
        String where = where(filter);
        return transactor.withHandle(handle -> {
            List<Counted> rows = bindFilter(handle.createQuery(LIST.formatted(SCHEDULE_COLUMNS, where)), mode, filter)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(schedule(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::schedule).toList(),
                        rows.getFirst().total());
            }
            long total = bindFilter(handle.createQuery(COUNT.formatted(where)), mode, filter)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    private record Counted(Schedule schedule, long total) {}

    /** Only fixed fragments go into the SQL text; every value is a bound parameter. */
    private static String where(ScheduleFilter filter) {
        var conditions = new ArrayList<String>();
        conditions.add("s.mode = :mode");
        conditions.add(MerchantScopes.where("s.merchant_id", filter.merchants()));
        filter.customerId().ifPresent(c -> conditions.add("s.customer_id = :customer_id"));
        filter.status().ifPresent(s -> conditions.add("s.status = :status"));
        return String.join(" AND ", conditions);
    }

    private static Query bindFilter(Query query, Mode mode, ScheduleFilter filter) {
        query.bind("mode", mode.name());
        query.bindMap(MerchantScopes.values(filter.merchants()));
        filter.customerId().ifPresent(c -> query.bind("customer_id", c));
        filter.status().ifPresent(s -> query.bind("status", s.name()));
        return query;
    }

    @Override
    public List<Schedule> dueSchedules(Instant now, int limit) {
        return transactor.query(
                DUE_SCHEDULES,
                query -> query.bind("now", UtcColumns.toColumn(now))
                        .bind("limit", limit)
                        .map(JdbiRecurringStore::schedule)
                        .list());
    }

    @Override
    public boolean insertRun(Run run) {
        try {
            transactor.withHandle(handle -> bindRun(handle.createUpdate(INSERT_RUN), run)
                    .bind("due_at", UtcColumns.toColumn(run.dueAt()))
                    .bind("currency", run.amount().currency().getCurrencyCode())
                    .bind("amount_minor", run.amount().minor())
                    .bind("created_at", UtcColumns.toColumn(run.createdAt()))
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isIntegrityViolation(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean updateRun(Run changed) {
        int rows = transactor.withHandle(handle -> bindRun(handle.createUpdate(UPDATE_RUN), changed)
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    private static <S extends SqlStatement<S>> S bindRun(S statement, Run r) {
        return statement
                .bind("schedule_id", r.scheduleId())
                .bind("period_number", r.period())
                .bind("mode", r.mode().name())
                .bind("state", r.state().name())
                .bind("charge_id", r.chargeId().orElse(null))
                .bind("attempts", r.attempts())
                .bind("notified_at", r.notifiedAt().map(UtcColumns::toColumn).orElse(null))
                .bind("retry_at", r.retryAt().map(UtcColumns::toColumn).orElse(null))
                .bind("failure_reason", r.failureReason().orElse(null))
                .bind("updated_at", UtcColumns.toColumn(r.updatedAt()))
                .bind("version", r.version());
    }

    @Override
    public Optional<Run> findRun(Mode mode, String scheduleId, long period) {
        return transactor.query(
                FIND_RUN,
                query -> query.bind("mode", mode.name())
                        .bind("schedule_id", scheduleId)
                        .bind("period_number", period)
                        .map(JdbiRecurringStore::run)
                        .findOne());
    }

    @Override
    public Optional<Run> findRunByCharge(Mode mode, String chargeId) {
        return transactor.query(
                FIND_RUN_BY_CHARGE,
                query -> query.bind("mode", mode.name())
                        .bind("charge_id", chargeId)
                        .map(JdbiRecurringStore::run)
                        .findOne());
    }

    @Override
    public List<Run> findRunsByCharges(Mode mode, java.util.Collection<String> chargeIds) {
        if (chargeIds.isEmpty()) {
            return List.of();
        }
        return transactor.query(
                FIND_RUNS_BY_CHARGES,
                query -> query.bind("mode", mode.name())
                        .bindList(
                                "charge_ids",
                                SqlLists.padded(
                                        chargeIds.stream().distinct().sorted().toList()))
                        .map(JdbiRecurringStore::run)
                        .list());
    }

    @Override
    public List<Run> runs(Mode mode, String scheduleId, int limit) {
        return transactor.query(
                RUNS,
                query -> query.bind("mode", mode.name())
                        .bind("schedule_id", scheduleId)
                        .bind("limit", limit)
                        .map(JdbiRecurringStore::run)
                        .list());
    }

    @Override
    public List<Run> dueRetries(Instant now, int limit) {
        return transactor.query(
                DUE_RETRIES,
                query -> query.bind("now", UtcColumns.toColumn(now))
                        .bind("limit", limit)
                        .map(JdbiRecurringStore::run)
                        .list());
    }

    private static Schedule schedule(ResultSet row, StatementContext context) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency"));
        String offsets = row.getString("notice_offsets");
        return new Schedule(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("merchant_id")),
                new ParticipantId(row.getString("bank_id")),
                row.getString("agreement_id"),
                new CustomerId(row.getString("customer_id")),
                new Money(row.getLong("amount_minor"), currency),
                row.getString("description"),
                new Cadence(Frequency.valueOf(row.getString("frequency")), row.getInt("interval_count")),
                ZoneId.of(row.getString("time_zone")),
                ScheduleStatus.valueOf(row.getString("status")),
                UtcColumns.instant(row, "anchor_at"),
                row.getLong("next_period"),
                UtcColumns.instant(row, "next_due_at"),
                row.getInt("notices_sent"),
                offsets.isEmpty()
                        ? List.of()
                        : Arrays.stream(offsets.split(","))
                                .map(Integer::valueOf)
                                .toList(),
                row.getInt("retries"),
                Optional.ofNullable(row.getString("metadata")).map(Metadata::new),
                new Schedule.Ending(
                        Optional.ofNullable(row.getObject("max_billings", Long.class)),
                        UtcColumns.optionalInstant(row, "end_before")),
                Optional.ofNullable(row.getString("link_payment_id")),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "updated_at"),
                row.getLong("version"));
    }

    private static Run run(ResultSet row, StatementContext context) throws SQLException {
        return new Run(
                row.getString("schedule_id"),
                Mode.valueOf(row.getString("mode")),
                row.getLong("period_number"),
                UtcColumns.instant(row, "due_at"),
                new Money(row.getLong("amount_minor"), Currency.getInstance(row.getString("currency"))),
                RunState.valueOf(row.getString("state")),
                Optional.ofNullable(row.getString("charge_id")),
                row.getInt("attempts"),
                UtcColumns.optionalInstant(row, "notified_at"),
                UtcColumns.optionalInstant(row, "retry_at"),
                Optional.ofNullable(row.getString("failure_reason")),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "updated_at"),
                row.getLong("version"));
    }
}
