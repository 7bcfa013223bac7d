package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.SpendingLimits;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.AgreementStore;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** Billing intents and agreements in the {@code agreements} table, one row each. */
final class JdbiAgreementStore implements AgreementStore {
    private static final String COLUMNS = """
            a.id, a.mode, a.merchant_id, a.bank_id, a.customer_id, a.lookup_phrase, a.agreement_phrase,
            a.intent_reference, a.intent_type, a.description, a.currency, a.amount_minor,
            a.requested_single_minor, a.requested_daily_minor, a.requested_weekly_minor, a.requested_monthly_minor,
            a.limit_single_minor, a.limit_daily_minor, a.limit_weekly_minor, a.limit_monthly_minor, a.metadata,
            a.decision, a.block_merchant, a.expires_at, a.status, a.due_date, a.created_at, a.decided_at, a.last_used_at,
            a.updated_at, a.version""";

    private static final String INSERT = """
            INSERT INTO agreements (id, mode, merchant_id, bank_id, customer_id, lookup_phrase, agreement_phrase,
                                    intent_reference, intent_type, description, currency, amount_minor,
                                    requested_single_minor, requested_daily_minor, requested_weekly_minor,
                                    requested_monthly_minor, limit_single_minor, limit_daily_minor,
                                    limit_weekly_minor, limit_monthly_minor, metadata, decision, block_merchant,
                                    expires_at, status, due_date, created_at, decided_at, last_used_at, updated_at, version)
            VALUES (:id, :mode, :merchant_id, :bank_id, :customer_id, :lookup_phrase, :agreement_phrase,
                    :intent_reference, :intent_type, :description, :currency, :amount_minor,
                    :requested_single_minor, :requested_daily_minor, :requested_weekly_minor,
                    :requested_monthly_minor, :limit_single_minor, :limit_daily_minor,
                    :limit_weekly_minor, :limit_monthly_minor, :metadata, :decision, :block_merchant,
                    :expires_at, :status, :due_date, :created_at, :decided_at, :last_used_at, :updated_at, :version)""";

    /** Only what a decision, a charge or the deadline changes; what the merchant asked for never changes. */
    private static final String UPDATE = """
            UPDATE agreements
               SET decision = :decision, limit_single_minor = :limit_single_minor,
                   limit_daily_minor = :limit_daily_minor, limit_weekly_minor = :limit_weekly_minor,
                   limit_monthly_minor = :limit_monthly_minor, block_merchant = :block_merchant, status = :status,
                   expires_at = :expires_at, decided_at = :decided_at, last_used_at = :last_used_at, updated_at = :updated_at,
                   version = :version
             WHERE id = :id AND mode = :mode AND version = :expected_version""";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM agreements a WHERE a.mode = :mode ";

    private static final String LIST = """
            SELECT %s, COUNT(*) OVER () AS total_matches
              FROM agreements a
             WHERE %s
             ORDER BY a.created_at DESC, a.id DESC
             LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM agreements a WHERE %s";

    /** Stops at the first blocking row: read before every bill. */
    private static final String IS_BLOCKED = """
            SELECT 1 FROM agreements a
             WHERE a.mode = :mode AND a.bank_id = :bank_id AND a.customer_id = :customer_id
               AND a.merchant_id = :merchant_id AND a.block_merchant = TRUE
             LIMIT 1""";

    /**
     * The agreement's row lock, and with it, read as committed (a subquery's rows are not locked at READ COMMITTED),
     * the customer's block of the merchant and the bank's time zone while the bank is active.
     */
    private static final String LOCK_FOR_BILLING = "SELECT " + COLUMNS + """
            ,
                   EXISTS (SELECT 1 FROM agreements b
                            WHERE b.mode = a.mode AND b.bank_id = a.bank_id AND b.customer_id = a.customer_id
                              AND b.merchant_id = a.merchant_id AND b.block_merchant = TRUE) AS merchant_blocked,
                   (SELECT p.time_zone FROM participants p
                     WHERE p.id = a.bank_id AND p.mode = a.mode AND p.role = 'BANK' AND p.status = 'ACTIVE')
                       AS active_bank_zone,
                   (SELECT m.version FROM participants m WHERE m.id = a.merchant_id AND m.mode = a.mode)
                       AS merchant_version
              FROM agreements a
             WHERE a.mode = :mode AND a.agreement_phrase = :phrase
               FOR UPDATE""";

    private static final String DUE_FOR_EXPIRY = "SELECT " + COLUMNS + """
             FROM agreements a
            WHERE a.status = 'PENDING' AND a.due_date <= :now
            ORDER BY a.due_date, a.id
            LIMIT :limit""";

    private static final String PAST_EXPIRY = "SELECT " + COLUMNS + """
             FROM agreements a
            WHERE a.status IN ('ACTIVE', 'PAUSED') AND a.expires_at <= :now
            ORDER BY a.expires_at, a.id
            LIMIT :limit""";

    private static final String AWAITING_BANK = "SELECT " + COLUMNS + """
             FROM agreements a
            WHERE a.mode = :mode AND a.bank_id = :bank_id AND a.status = 'PENDING' AND a.created_at < :sent_before
            ORDER BY a.created_at, a.id
            LIMIT :limit""";

    private final JdbiTransactor transactor;

    JdbiAgreementStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(Agreement agreement) {
        transactor.withHandle(handle -> bindLimits(
                        bindColumns(handle.createUpdate(INSERT), agreement), "requested", agreement.requested())
                .bind("merchant_id", agreement.merchantId().value())
                .bind("bank_id", agreement.bankId().value())
                .bind("customer_id", agreement.customerId().value())
                .bind("lookup_phrase", agreement.lookupPhrase())
                .bind("agreement_phrase", agreement.agreementPhrase())
                .bind("intent_reference", agreement.intentReference())
                .bind("intent_type", agreement.type().name())
                .bind("description", agreement.description())
                .bind("currency", agreement.currency().getCurrencyCode())
                .bind("amount_minor", agreement.amount().map(Money::minor).orElse(null))
                .bind("metadata", agreement.metadata().map(Metadata::json).orElse(null))
                .bind("due_date", UtcColumns.toColumn(agreement.dueDate()))
                .bind("created_at", UtcColumns.toColumn(agreement.createdAt()))
                .execute());
    }

    @Override
    public boolean update(Agreement changed) {
        int rows = transactor.withHandle(handle -> bindColumns(handle.createUpdate(UPDATE), changed)
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    @Override
    public void updateLocked(Agreement changed) {
        transactor.defer(
                "the update of locked agreement " + changed.id(),
                UPDATE,
                update -> bindColumns(update, changed).bind("expected_version", changed.version() - 1),
                1);
    }

    /** What both the insert and the update write. */
    private static <S extends SqlStatement<S>> S bindColumns(S statement, Agreement agreement) {
        return bindLimits(statement, "limit", agreement.limits())
                .bind("id", agreement.id())
                .bind("mode", agreement.mode().name())
                .bind("decision", agreement.decision().map(Enum::name).orElse(null))
                .bind("block_merchant", agreement.blockMerchant())
                .bind("status", agreement.status().name())
                .bind(
                        "expires_at",
                        agreement.expiresAt().map(UtcColumns::toColumn).orElse(null))
                .bind(
                        "decided_at",
                        agreement.decidedAt().map(UtcColumns::toColumn).orElse(null))
                .bind(
                        "last_used_at",
                        agreement.lastUsedAt().map(UtcColumns::toColumn).orElse(null))
                .bind("updated_at", UtcColumns.toColumn(agreement.updatedAt()))
                .bind("version", agreement.version());
    }

    /** One nullable column per kind: NULL where the agreement has no such limit. */
    private static <S extends SqlStatement<S>> S bindLimits(S statement, String prefix, SpendingLimits limits) {
        for (LimitKind kind : LimitKind.values()) {
            statement.bind(
                    column(prefix, kind), limits.cap(kind).map(Money::minor).orElse(null));
        }
        return statement;
    }

    private static String column(String prefix, LimitKind kind) {
        return prefix + "_" + kind.name().toLowerCase(Locale.ROOT) + "_minor";
    }

    @Override
    public Optional<Agreement> find(Mode mode, String id) {
        return one(SELECT + "AND a.id = :id", mode, "id", id);
    }

    @Override
    public List<Agreement> findAll(Mode mode, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return transactor.query(
                SELECT + "AND a.id IN (<ids>) ORDER BY a.id",
                query -> query.bind("mode", mode.name())
                        .bindList(
                                "ids",
                                SqlLists.padded(ids.stream().distinct().sorted().toList()))
                        .map(JdbiAgreementStore::agreement)
                        .list());
    }

    @Override
    public Optional<Agreement> lock(Mode mode, String id) {
        return one(SELECT + "AND a.id = :id FOR UPDATE", mode, "id", id);
    }

    @Override
    public Optional<Agreement> lockByPhrase(Mode mode, String agreementPhrase) {
        return one(SELECT + "AND a.agreement_phrase = :phrase FOR UPDATE", mode, "phrase", agreementPhrase);
    }

    @Override
    public Optional<ForBilling> lockForBilling(Mode mode, String agreementPhrase) {
        return transactor.query(
                LOCK_FOR_BILLING,
                query -> query.bind("mode", mode.name())
                        .bind("phrase", agreementPhrase)
                        .map((row, context) -> new ForBilling(
                                agreement(row, context),
                                row.getBoolean("merchant_blocked"),
                                Optional.ofNullable(row.getString("active_bank_zone"))
                                        .map(java.time.ZoneId::of),
                                row.getLong("merchant_version")))
                        .findOne());
    }

    @Override
    public Optional<Agreement> lockByIntentReference(Mode mode, ParticipantId bankId, String intentReference) {
        return transactor.query(
                SELECT + "AND a.bank_id = :bank_id AND a.intent_reference = :reference FOR UPDATE",
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("reference", intentReference)
                        .map(JdbiAgreementStore::agreement)
                        .findOne());
    }

    private Optional<Agreement> one(String sql, Mode mode, String name, String value) {
        return transactor.query(
                sql,
                query -> query.bind("mode", mode.name())
                        .bind(name, value)
                        .map(JdbiAgreementStore::agreement)
                        .findOne());
    }

    @Override
    public boolean isBlocked(Mode mode, ParticipantId bankId, CustomerId customerId, ParticipantId merchantId) {
        return transactor.query(
                IS_BLOCKED,
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("customer_id", customerId.value())
                        .bind("merchant_id", merchantId.value())
                        .mapTo(Integer.class)
                        .findOne()
                        .isPresent());
    }

    @Override
    public Page<Agreement> listForMerchants(
            Mode mode, MerchantScope merchants, AgreementFilter filter, PageRequest page) {
        var conditions = new ArrayList<String>();
        conditions.add("a.mode = :mode");
        conditions.add(MerchantScopes.where("a.merchant_id", merchants));
        filter.agreementPhrase().ifPresent(p -> conditions.add("a.agreement_phrase = :agreement_phrase"));
        filter.customerId().ifPresent(c -> conditions.add("a.customer_id = :customer_id"));
        filter.lookupPhrase().ifPresent(p -> conditions.add("a.lookup_phrase = :lookup_phrase"));
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("mode", mode.name());
        values.putAll(MerchantScopes.values(merchants));
        filter.agreementPhrase().ifPresent(p -> values.put("agreement_phrase", p));
        filter.customerId().ifPresent(c -> values.put("customer_id", c.value()));
        filter.lookupPhrase().ifPresent(p -> values.put("lookup_phrase", p));
        return page(String.join(" AND ", conditions), values, page);
    }

    @Override
    public Page<Agreement> listForCustomer(Mode mode, ParticipantId bankId, CustomerId customerId, PageRequest page) {
        return page(
                "a.mode = :mode AND a.bank_id = :bank_id AND a.customer_id = :customer_id",
                Map.of("mode", mode.name(), "bank_id", bankId.value(), "customer_id", customerId.value()),
                page);
    }

    /** Only fixed fragments go into the SQL text; every value is a bound parameter. */
    private Page<Agreement> page(String where, Map<String, Object> values, PageRequest page) {
        return transactor.withHandle(handle -> {
            var query = handle.createQuery(LIST.formatted(COLUMNS, where))
                    .bindMap(values)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset());
            List<Counted> rows = query.map(
                            (row, context) -> new Counted(agreement(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::agreement).toList(),
                        rows.getFirst().total());
            }
            // An offset past the end returns no rows to carry the total: count separately.
            return new Page<>(
                    List.of(),
                    handle.createQuery(COUNT.formatted(where))
                            .bindMap(values)
                            .mapTo(Long.class)
                            .one());
        });
    }

    private record Counted(Agreement agreement, long total) {}

    @Override
    public List<Agreement> dueForExpiry(Instant now, int limit) {
        return transactor.query(
                DUE_FOR_EXPIRY,
                query -> query.bind("now", UtcColumns.toColumn(now))
                        .bind("limit", limit)
                        .map(JdbiAgreementStore::agreement)
                        .list());
    }

    @Override
    public List<Agreement> pastExpiry(Instant now, int limit) {
        return transactor.query(
                PAST_EXPIRY,
                query -> query.bind("now", UtcColumns.toColumn(now))
                        .bind("limit", limit)
                        .map(JdbiAgreementStore::agreement)
                        .list());
    }

    @Override
    public List<Agreement> awaitingBank(Mode mode, ParticipantId bankId, Instant sentBefore, int limit) {
        return transactor.query(
                AWAITING_BANK,
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("sent_before", UtcColumns.toColumn(sentBefore))
                        .bind("limit", limit)
                        .map(JdbiAgreementStore::agreement)
                        .list());
    }

    static Agreement agreement(ResultSet row, StatementContext context) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency"));
        return new Agreement(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("merchant_id")),
                new ParticipantId(row.getString("bank_id")),
                new CustomerId(row.getString("customer_id")),
                row.getString("lookup_phrase"),
                row.getString("agreement_phrase"),
                row.getString("intent_reference"),
                IntentType.valueOf(row.getString("intent_type")),
                row.getString("description"),
                Optional.ofNullable(row.getObject("amount_minor", Long.class)).map(minor -> new Money(minor, currency)),
                limits(row, "requested", currency),
                Optional.ofNullable(row.getString("metadata")).map(Metadata::new),
                Optional.ofNullable(row.getString("decision")).map(CustomerDecision::valueOf),
                limits(row, "limit", currency),
                row.getBoolean("block_merchant"),
                UtcColumns.optionalInstant(row, "expires_at"),
                AgreementStatus.valueOf(row.getString("status")),
                UtcColumns.instant(row, "due_date"),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.optionalInstant(row, "decided_at"),
                UtcColumns.optionalInstant(row, "last_used_at"),
                UtcColumns.instant(row, "updated_at"),
                row.getLong("version"));
    }

    private static SpendingLimits limits(ResultSet row, String prefix, Currency currency) throws SQLException {
        Map<LimitKind, Money> caps = new EnumMap<>(LimitKind.class);
        for (LimitKind kind : LimitKind.values()) {
            Long minor = row.getObject(column(prefix, kind), Long.class);
            if (minor != null) {
                caps.put(kind, new Money(minor, currency));
            }
        }
        return new SpendingLimits(currency, caps);
    }
}
