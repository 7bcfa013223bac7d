package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;
import java.util.stream.Collectors;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeFilter;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.ChargeStore;
import network.peere.core.ports.out.MoneyTotal;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Charges in the {@code charges} table. A charge's limit reservations are one (window start, cap) column pair per
 * windowed kind, each of the charge's own amount; they read back in kind order, the order
 * {@link WindowReservation#forCharge} makes them in.
 */
final class JdbiChargeStore implements ChargeStore {
    /**
     * ISO 4217 currencies by their minor digits, but for the two-digit majority: an amount filter, given in major
     * units, is a different number of minor units in each group. Built from the JDK's list, so the codes inlined in the
     * SQL are three capital letters.
     */
    private static final Map<Integer, List<String>> CURRENCIES_BY_DIGITS = Currency.getAvailableCurrencies().stream()
            .filter(currency -> currency.getDefaultFractionDigits() != 2)
            .collect(Collectors.groupingBy(
                    Currency::getDefaultFractionDigits,
                    TreeMap::new,
                    Collectors.mapping(
                            Currency::getCurrencyCode,
                            Collectors.collectingAndThen(
                                    Collectors.toList(),
                                    codes -> codes.stream().sorted().toList()))));

    /** The amount filters, each bound taken in the charge's own currency's minor units. */
    private static final String MIN_AMOUNT = "c.amount_minor >= " + byMinorDigits("min_amount");

    private static final String MAX_AMOUNT = "c.amount_minor <= " + byMinorDigits("max_amount");

    /** The kinds a charge can reserve in, in the order its reservations read back. */
    private static final List<LimitKind> WINDOWED = List.of(LimitKind.DAILY, LimitKind.WEEKLY, LimitKind.MONTHLY);

    private static final String COLUMNS = """
            c.id, c.mode, c.agreement_id, c.merchant_id, c.bank_id, c.customer_id, c.currency, c.amount_minor,
            c.description, c.metadata, c.daily_window_start, c.daily_cap_minor, c.weekly_window_start,
            c.weekly_cap_minor, c.monthly_window_start, c.monthly_cap_minor, c.status, c.bank_action,
            c.decline_reason, c.bank_transaction_id, c.due_at, c.created_at, c.processed_at, c.fee_minor, c.refunded_minor,
            c.version""";

    private static final String INSERT = """
            INSERT INTO charges (id, mode, agreement_id, merchant_id, bank_id, customer_id, currency, amount_minor,
                                 description, metadata, daily_window_start, daily_cap_minor, weekly_window_start,
                                 weekly_cap_minor, monthly_window_start, monthly_cap_minor, status, bank_action,
                                 decline_reason, bank_transaction_id, due_at, created_at, processed_at, fee_minor,
                                 refunded_minor, version)
            VALUES (:id, :mode, :agreement_id, :merchant_id, :bank_id, :customer_id, :currency, :amount_minor,
                    :description, :metadata, :daily_window_start, :daily_cap_minor, :weekly_window_start,
                    :weekly_cap_minor, :monthly_window_start, :monthly_cap_minor, :status, :bank_action,
                    :decline_reason, :bank_transaction_id, :due_at, :created_at, :processed_at, :fee_minor,
                    :refunded_minor, :version)""";

    /**
     * Only what the bank's answer or the deadline changes (the fee with a confirmation); never refunded_minor, which
     * only {@link #ADD_REFUNDED} and {@link #SUBTRACT_REFUNDED} change, so a stale copy cannot undo a refund.
     */
    private static final String UPDATE = """
            UPDATE charges
               SET status = :status, bank_action = :bank_action, decline_reason = :decline_reason,
                   bank_transaction_id = :bank_transaction_id, processed_at = :processed_at, fee_minor = :fee_minor,
                   version = :version
             WHERE id = :id AND mode = :mode AND version = :expected_version""";

    /** Conditional: concurrent refunds of one charge can never take more than its amount, nor from an unconfirmed one. */
    private static final String ADD_REFUNDED = """
            UPDATE charges
               SET refunded_minor = refunded_minor + :minor
             WHERE mode = :mode AND id = :id AND status = 'CONFIRMED' AND refunded_minor + :minor <= amount_minor""";

    private static final String SUBTRACT_REFUNDED = """
            UPDATE charges
               SET refunded_minor = refunded_minor - :minor
             WHERE mode = :mode AND id = :id AND refunded_minor >= :minor""";

    private static final String CONFIRMED_BY_MERCHANT = """
            SELECT merchant_id AS owner, currency, SUM(amount_minor) AS amount_minor, SUM(fee_minor) AS fee_minor
              FROM charges
             WHERE mode = :mode AND status = 'CONFIRMED'
             GROUP BY merchant_id, currency
             ORDER BY merchant_id, currency""";

    private static final String CONFIRMED_BY_BANK = """
            SELECT bank_id AS owner, currency, SUM(amount_minor) AS amount_minor, 0 AS fee_minor
              FROM charges
             WHERE mode = :mode AND status = 'CONFIRMED'
             GROUP BY bank_id, currency
             ORDER BY bank_id, currency""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM charges c WHERE c.mode = :mode AND c.id = :id";

    private static final String LOCK = FIND + " FOR UPDATE";

    private static final String LOCK_ALL =
            "SELECT " + COLUMNS + " FROM charges c WHERE c.mode = :mode AND c.id IN (<ids>) ORDER BY c.id FOR UPDATE";

    private static final String COUNT_HOLDING = """
            SELECT COUNT(*) FROM charges c
             WHERE c.mode = :mode AND c.agreement_id = :agreement_id AND c.status IN ('PENDING_BANK', 'CONFIRMED')""";

    private static final String LIST = """
            SELECT %s, COUNT(*) OVER () AS total_matches
              FROM charges c
             WHERE %s
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM charges c WHERE %s";

    private static final String DUE_FOR_EXPIRY = "SELECT " + COLUMNS + """
             FROM charges c
            WHERE c.status = 'PENDING_BANK' AND c.due_at <= :now
            ORDER BY c.due_at, c.id
            LIMIT :limit""";

    private static final String AWAITING_BANK = "SELECT " + COLUMNS + """
             FROM charges c
            WHERE c.mode = :mode AND c.bank_id = :bank_id AND c.status = 'PENDING_BANK'
              AND c.created_at < :accepted_before AND MOD(c.amount_minor, 100) <> :skipped_cents
            ORDER BY c.created_at, c.id
            LIMIT :limit""";

    private final JdbiTransactor transactor;

    JdbiChargeStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(Charge charge) {
        Map<LimitKind, WindowReservation> byKind = reservationsByKind(charge.reservations());
        transactor.defer(
                "the charge " + charge.id(),
                INSERT,
                insert -> {
                    insert.bind("agreement_id", charge.agreementId())
                            .bind("merchant_id", charge.merchantId().value())
                            .bind("bank_id", charge.bankId().value())
                            .bind("customer_id", charge.customerId().value())
                            .bind("currency", charge.amount().currency().getCurrencyCode())
                            .bind("amount_minor", charge.amount().minor())
                            .bind("description", charge.description())
                            .bind(
                                    "metadata",
                                    charge.metadata().map(Metadata::json).orElse(null))
                            .bind("due_at", UtcColumns.toColumn(charge.dueAt()))
                            .bind("created_at", UtcColumns.toColumn(charge.createdAt()))
                            .bind("refunded_minor", charge.refunded().minor());
                    for (LimitKind kind : WINDOWED) {
                        Optional<WindowReservation> reserved = Optional.ofNullable(byKind.get(kind));
                        insert.bind(
                                        windowColumn(kind),
                                        reserved.map(r -> UtcColumns.toColumn(r.windowStart()))
                                                .orElse(null))
                                .bind(
                                        capColumn(kind),
                                        reserved.map(r -> r.cap().minor()).orElse(null));
                    }
                    return bindChangeable(insert, charge);
                },
                1);
    }

    /** One reservation per kind, in kind order, or the columns could not give the same list back. */
    private static Map<LimitKind, WindowReservation> reservationsByKind(List<WindowReservation> reservations) {
        Map<LimitKind, WindowReservation> byKind = new HashMap<>();
        LimitKind previous = null;
        for (WindowReservation reservation : reservations) {
            if (previous != null && previous.compareTo(reservation.kind()) >= 0) {
                throw new IllegalArgumentException("a charge reserves at most one window per kind, in kind order");
            }
            previous = reservation.kind();
            byKind.put(reservation.kind(), reservation);
        }
        return byKind;
    }

    @Override
    public boolean update(Charge changed) {
        int rows = transactor.withHandle(handle -> bindChangeable(handle.createUpdate(UPDATE), changed)
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    @Override
    public void updateLocked(Charge changed) {
        transactor.defer(
                "the update of locked charge " + changed.id(),
                UPDATE,
                update -> bindChangeable(update, changed).bind("expected_version", changed.version() - 1),
                1);
    }

    private static <S extends SqlStatement<S>> S bindChangeable(S statement, Charge c) {
        return statement
                .bind("id", c.id())
                .bind("mode", c.mode().name())
                .bind("status", c.status().name())
                .bind("bank_action", c.bankAction().map(Enum::name).orElse(null))
                .bind("decline_reason", c.declineReason().orElse(null))
                .bind("bank_transaction_id", c.bankTransactionId().orElse(null))
                .bind("processed_at", c.processedAt().map(UtcColumns::toColumn).orElse(null))
                .bind("fee_minor", c.fee().minor())
                .bind("version", c.version());
    }

    @Override
    public Optional<Charge> find(Mode mode, String id) {
        return one(FIND, mode, id);
    }

    @Override
    public Optional<Charge> lock(Mode mode, String id) {
        return one(LOCK, mode, id);
    }

    @Override
    public List<Charge> lockAll(Mode mode, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return transactor.query(
                LOCK_ALL,
                query -> query.bind("mode", mode.name())
                        .bindList(
                                "ids",
                                SqlLists.padded(ids.stream().distinct().sorted().toList()))
                        .map(JdbiChargeStore::charge)
                        .list());
    }

    private Optional<Charge> one(String sql, Mode mode, String id) {
        return transactor.query(
                sql,
                query -> query.bind("mode", mode.name())
                        .bind("id", id)
                        .map(JdbiChargeStore::charge)
                        .findOne());
    }

    @Override
    public boolean addRefunded(Mode mode, String chargeId, long minor) {
        requirePositive(minor);
        return changeRefunded(ADD_REFUNDED, mode, chargeId, minor) == 1;
    }

    @Override
    public void subtractRefunded(Mode mode, String chargeId, long minor) {
        requirePositive(minor);
        Invariants.check(
                changeRefunded(SUBTRACT_REFUNDED, mode, chargeId, minor) == 1,
                "a failed refund gives back only what its charge's refunds took");
    }

    private int changeRefunded(String sql, Mode mode, String chargeId, long minor) {
        return transactor.withHandle(handle -> handle.createUpdate(sql)
                .bind("mode", mode.name())
                .bind("id", chargeId)
                .bind("minor", minor)
                .execute());
    }

    private static void requirePositive(long minor) {
        if (minor <= 0) {
            throw new IllegalArgumentException("a refunded amount is positive");
        }
    }

    @Override
    public List<MoneyTotal> confirmedByMerchant(Mode mode) {
        return MoneyTotals.query(transactor, CONFIRMED_BY_MERCHANT, mode);
    }

    @Override
    public List<MoneyTotal> confirmedByBank(Mode mode) {
        return MoneyTotals.query(transactor, CONFIRMED_BY_BANK, mode);
    }

    @Override
    public int countHolding(Mode mode, String agreementId) {
        return transactor.query(
                COUNT_HOLDING,
                query -> query.bind("mode", mode.name())
                        .bind("agreement_id", agreementId)
                        .mapTo(Integer.class)
                        .one());
    }

    @Override
    public Page<Charge> list(Mode mode, ChargeFilter filter, PageRequest page) {
        String where = where(filter);
        return transactor.withHandle(handle -> {
            List<Counted> rows = bindFilter(handle.createQuery(LIST.formatted(COLUMNS, where)), mode, filter)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(charge(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::charge).toList(),
                        rows.getFirst().total());
            }
            // An offset past the end returns no rows to carry the total: count separately.
            long total = bindFilter(handle.createQuery(COUNT.formatted(where)), mode, filter)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    private record Counted(Charge charge, long total) {}

    /** Only fixed fragments go into the SQL text; every value is a bound parameter. */
    private static String where(ChargeFilter filter) {
        var conditions = new ArrayList<String>();
        conditions.add("c.mode = :mode");
        filter.merchants().ifPresent(merchants -> conditions.add(MerchantScopes.where("c.merchant_id", merchants)));
        filter.bankId().ifPresent(b -> conditions.add("c.bank_id = :bank_id"));
        filter.from().ifPresent(f -> conditions.add("c.created_at >= :from"));
        filter.to().ifPresent(t -> conditions.add("c.created_at < :to"));
        if (!filter.statuses().isEmpty()) {
            conditions.add("c.status IN (<statuses>)");
        }
        filter.customerId().ifPresent(c -> conditions.add("c.customer_id = :customer_id"));
        filter.minAmount().ifPresent(m -> conditions.add(MIN_AMOUNT));
        filter.maxAmount().ifPresent(m -> conditions.add(MAX_AMOUNT));
        filter.fullyRefunded()
                .ifPresent(full -> conditions.add(
                        full ? "c.refunded_minor = c.amount_minor" : "c.refunded_minor < c.amount_minor"));
        return String.join(" AND ", conditions);
    }

    private static Query bindFilter(Query query, Mode mode, ChargeFilter filter) {
        query.bind("mode", mode.name());
        filter.merchants().ifPresent(merchants -> query.bindMap(MerchantScopes.values(merchants)));
        filter.bankId().ifPresent(b -> query.bind("bank_id", b.value()));
        filter.from().ifPresent(f -> query.bind("from", UtcColumns.toColumn(f)));
        filter.to().ifPresent(t -> query.bind("to", UtcColumns.toColumn(t)));
        if (!filter.statuses().isEmpty()) {
            query.bindList(
                    "statuses",
                    filter.statuses().stream().map(Enum::name).sorted().toList());
        }
        filter.customerId().ifPresent(c -> query.bind("customer_id", c.value()));
        filter.minAmount().ifPresent(min -> bindByMinorDigits(query, "min_amount", min::lowestMinor));
        filter.maxAmount().ifPresent(max -> bindByMinorDigits(query, "max_amount", max::highestMinor));
        return query;
    }

    /** {@code CASE WHEN c.currency IN ('BIF', …) THEN :name_d0 … ELSE :name_d2 END}: the bound in the charge's currency. */
    private static String byMinorDigits(String name) {
        var sql = new StringBuilder("CASE");
        CURRENCIES_BY_DIGITS.forEach((digits, codes) -> sql.append(" WHEN c.currency IN (")
                .append(codes.stream().map(code -> "'" + code + "'").collect(Collectors.joining(", ")))
                .append(") THEN :")
                .append(boundName(name, digits)));
        return sql.append(" ELSE :").append(boundName(name, 2)).append(" END").toString();
    }

    private static void bindByMinorDigits(Query query, String name, IntToLongFunction minorAt) {
        CURRENCIES_BY_DIGITS
                .keySet()
                .forEach(digits -> query.bind(boundName(name, digits), minorAt.applyAsLong(digits)));
        query.bind(boundName(name, 2), minorAt.applyAsLong(2));
    }

    private static String boundName(String name, int digits) {
        return name + "_d" + (digits < 0 ? "m" + -digits : Integer.toString(digits));
    }

    @Override
    public List<Charge> dueForExpiry(Instant now, int limit) {
        return transactor.query(
                DUE_FOR_EXPIRY,
                query -> query.bind("now", UtcColumns.toColumn(now))
                        .bind("limit", limit)
                        .map(JdbiChargeStore::charge)
                        .list());
    }

    @Override
    public List<Charge> awaitingBank(
            Mode mode, ParticipantId bankId, Instant acceptedBefore, long skippedCents, int limit) {
        return transactor.query(
                AWAITING_BANK,
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("accepted_before", UtcColumns.toColumn(acceptedBefore))
                        .bind("skipped_cents", skippedCents)
                        .bind("limit", limit)
                        .map(JdbiChargeStore::charge)
                        .list());
    }

    private static String windowColumn(LimitKind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "_window_start";
    }

    private static String capColumn(LimitKind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "_cap_minor";
    }

    static Charge charge(ResultSet row, StatementContext context) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency"));
        Money amount = new Money(row.getLong("amount_minor"), currency);
        List<WindowReservation> reservations = new ArrayList<>();
        for (LimitKind kind : WINDOWED) {
            Optional<Instant> windowStart = UtcColumns.optionalInstant(row, windowColumn(kind));
            if (windowStart.isPresent()) {
                Long cap = row.getObject(capColumn(kind), Long.class);
                reservations.add(new WindowReservation(kind, windowStart.get(), new Money(cap, currency), amount));
            }
        }
        return new Charge(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                row.getString("agreement_id"),
                new ParticipantId(row.getString("merchant_id")),
                new ParticipantId(row.getString("bank_id")),
                new CustomerId(row.getString("customer_id")),
                amount,
                row.getString("description"),
                Optional.ofNullable(row.getString("metadata")).map(Metadata::new),
                reservations,
                ChargeStatus.valueOf(row.getString("status")),
                Optional.ofNullable(row.getString("bank_action")).map(CustomerDecision::valueOf),
                Optional.ofNullable(row.getString("decline_reason")),
                Optional.ofNullable(row.getString("bank_transaction_id")),
                UtcColumns.instant(row, "due_at"),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.optionalInstant(row, "processed_at"),
                new Money(row.getLong("fee_minor"), currency),
                new Money(row.getLong("refunded_minor"), currency),
                row.getLong("version"));
    }
}
