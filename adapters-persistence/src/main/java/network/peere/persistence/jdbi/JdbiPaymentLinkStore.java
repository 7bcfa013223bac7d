package network.peere.persistence.jdbi;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.LinkPaymentStatus;
import network.peere.core.domain.link.LinkStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.ports.out.PaymentLinkStore;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Payment links in {@code payment_links}, their payments in {@code link_payments}, callback keys (sealed) in
 * {@code link_callback_keys}. A payment's {@code held_link} is its link's id while it holds the link, NULL otherwise:
 * the unique key on it decides which of two payments started at once holds the link.
 */
final class JdbiPaymentLinkStore implements PaymentLinkStore {
    private static final String COLUMNS = """
            id, mode, merchant_id, currency, amount_minor, description, customer_email, secret, callback_url,
            duration, metadata, status, created_at, updated_at, version""";

    private static final String INSERT = "INSERT INTO payment_links (" + COLUMNS + """
            ) VALUES (:id, :mode, :merchant_id, :currency, :amount_minor, :description, :customer_email, :secret,
                      :callback_url, :duration, :metadata, :status, :created_at, :updated_at, :version)""";

    private static final String UPDATE = """
            UPDATE payment_links SET status = :status, updated_at = :updated_at, version = :version
             WHERE id = :id AND mode = :mode AND version = :expected_version""";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM payment_links ";

    private static final String PAYMENT_COLUMNS = """
            id, mode, link_id, merchant_id, bank_id, customer_id, agreement_id, schedule_id, status, failure_reason,
            last_paid_at, created_at, updated_at, version""";

    private static final String INSERT_PAYMENT = "INSERT INTO link_payments (" + PAYMENT_COLUMNS + """
            , held_link) VALUES (:id, :mode, :link_id, :merchant_id, :bank_id, :customer_id, :agreement_id,
                                 :schedule_id, :status, :failure_reason, :last_paid_at, :created_at, :updated_at,
                                 :version, :held_link)""";

    /** Only what a payment's life changes; {@code held_link} follows the status. */
    private static final String UPDATE_PAYMENT = """
            UPDATE link_payments
               SET schedule_id = :schedule_id, status = :status, failure_reason = :failure_reason,
                   last_paid_at = :last_paid_at, held_link = :held_link, updated_at = :updated_at, version = :version
             WHERE id = :id AND mode = :mode AND version = :expected_version""";

    private static final String SELECT_PAYMENT = "SELECT " + PAYMENT_COLUMNS + " FROM link_payments ";

    private final JdbiTransactor transactor;

    JdbiPaymentLinkStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public boolean insert(PaymentLink link) {
        var terms = link.terms();
        return uniquely(() -> transactor.withHandle(handle -> handle.createUpdate(INSERT)
                .bind("id", link.id())
                .bind("mode", link.mode().name())
                .bind("merchant_id", link.merchantId().value())
                .bind("currency", terms.amount().currency().getCurrencyCode())
                .bind("amount_minor", terms.amount().minor())
                .bind("description", terms.description())
                .bind("customer_email", terms.customerEmail().orElse(null))
                .bind("secret", terms.secret())
                .bind("callback_url", terms.callbackUrl().toString())
                .bind("duration", terms.duration().map(Enum::name).orElse(null))
                .bind("metadata", terms.metadata().map(Metadata::json).orElse(null))
                .bind("status", link.status().name())
                .bind("created_at", UtcColumns.toColumn(link.createdAt()))
                .bind("updated_at", UtcColumns.toColumn(link.updatedAt()))
                .bind("version", link.version())
                .execute()));
    }

    @Override
    public boolean update(PaymentLink changed) {
        int rows = transactor.withHandle(handle -> handle.createUpdate(UPDATE)
                .bind("id", changed.id())
                .bind("mode", changed.mode().name())
                .bind("status", changed.status().name())
                .bind("updated_at", UtcColumns.toColumn(changed.updatedAt()))
                .bind("version", changed.version())
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    @Override
    public Optional<PaymentLink> find(Mode mode, String linkId) {
        return transactor.query(
                SELECT + "WHERE mode = :mode AND id = :id",
                query -> query.bind("mode", mode.name())
                        .bind("id", linkId)
                        .map(JdbiPaymentLinkStore::link)
                        .findOne());
    }

    @Override
    public Optional<PaymentLink> findBySecret(Mode mode, ParticipantId merchantId, String secret) {
        return transactor.query(
                SELECT + "WHERE mode = :mode AND merchant_id = :merchant_id AND secret = :secret",
                query -> query.bind("mode", mode.name())
                        .bind("merchant_id", merchantId.value())
                        .bind("secret", secret)
                        .map(JdbiPaymentLinkStore::link)
                        .findOne());
    }

    @Override
    public Page<PaymentLink> list(Mode mode, ParticipantId merchantId, PageRequest page) {
        return transactor.withHandle(handle -> {
            List<PaymentLink> items = handle.createQuery(SELECT + """
                            WHERE mode = :mode AND merchant_id = :merchant_id
                            ORDER BY created_at DESC, id DESC
                            LIMIT :limit OFFSET :offset""")
                    .bind("mode", mode.name())
                    .bind("merchant_id", merchantId.value())
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map(JdbiPaymentLinkStore::link)
                    .list();
            long total = handle.createQuery(
                            "SELECT COUNT(*) FROM payment_links WHERE mode = :mode AND merchant_id = :merchant_id")
                    .bind("mode", mode.name())
                    .bind("merchant_id", merchantId.value())
                    .mapTo(Long.class)
                    .one();
            return new Page<>(items, total);
        });
    }

    @Override
    public Optional<SealedSecret> callbackKey(Mode mode, ParticipantId merchantId) {
        return transactor.query(
                """
                        SELECT callback_key_sealed FROM link_callback_keys
                         WHERE mode = :mode AND merchant_id = :merchant_id""",
                query -> query.bind("mode", mode.name())
                        .bind("merchant_id", merchantId.value())
                        .mapTo(String.class)
                        .findOne()
                        .map(SealedSecret::new));
    }

    @Override
    public boolean insertCallbackKey(Mode mode, ParticipantId merchantId, SealedSecret key) {
        return uniquely(() -> transactor.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO link_callback_keys (mode, merchant_id, callback_key_sealed)
                        VALUES (:mode, :merchant_id, :key)""")
                .bind("mode", mode.name())
                .bind("merchant_id", merchantId.value())
                .bind("key", key.value())
                .execute()));
    }

    @Override
    public boolean insertPayment(LinkPayment payment) {
        return uniquely(() ->
                transactor.withHandle(handle -> bindChangeable(handle.createUpdate(INSERT_PAYMENT), payment)
                        .bind("link_id", payment.linkId())
                        .bind("merchant_id", payment.merchantId().value())
                        .bind("bank_id", payment.bankId().value())
                        .bind("customer_id", payment.customerId().value())
                        .bind("agreement_id", payment.agreementId())
                        .bind("created_at", UtcColumns.toColumn(payment.createdAt()))
                        .execute()));
    }

    @Override
    public boolean updatePayment(LinkPayment changed) {
        int rows = transactor.withHandle(handle -> bindChangeable(handle.createUpdate(UPDATE_PAYMENT), changed)
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    private static <S extends SqlStatement<S>> S bindChangeable(S statement, LinkPayment p) {
        return statement
                .bind("id", p.id())
                .bind("mode", p.mode().name())
                .bind("schedule_id", p.scheduleId().orElse(null))
                .bind("status", p.status().name())
                .bind("failure_reason", p.failureReason().orElse(null))
                .bind("last_paid_at", p.lastPaidAt().map(UtcColumns::toColumn).orElse(null))
                .bind("held_link", p.status().holdsLink() ? p.linkId() : null)
                .bind("updated_at", UtcColumns.toColumn(p.updatedAt()))
                .bind("version", p.version());
    }

    @Override
    public Optional<LinkPayment> findPayment(Mode mode, String paymentId) {
        return transactor.query(
                SELECT_PAYMENT + "WHERE mode = :mode AND id = :id",
                query -> query.bind("mode", mode.name())
                        .bind("id", paymentId)
                        .map(JdbiPaymentLinkStore::payment)
                        .findOne());
    }

    @Override
    public Optional<LinkPayment> holdingPayment(Mode mode, String linkId) {
        return transactor.withHandle(
                handle -> handle.createQuery(SELECT_PAYMENT + "WHERE mode = :mode AND held_link = :link_id")
                        .bind("mode", mode.name())
                        .bind("link_id", linkId)
                        .map(JdbiPaymentLinkStore::payment)
                        .findOne());
    }

    @Override
    public Optional<LinkPayment> paymentByAgreement(Mode mode, String agreementId) {
        return transactor.query(
                SELECT_PAYMENT + """
                        WHERE mode = :mode AND agreement_id = :agreement_id
                        ORDER BY created_at DESC, id DESC
                        LIMIT 1""",
                query -> query.bind("mode", mode.name())
                        .bind("agreement_id", agreementId)
                        .map(JdbiPaymentLinkStore::payment)
                        .findFirst());
    }

    @Override
    public List<LinkPayment> payments(Mode mode, String linkId, int limit) {
        return transactor.query(
                SELECT_PAYMENT + """
                        WHERE mode = :mode AND link_id = :link_id
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""",
                query -> query.bind("mode", mode.name())
                        .bind("link_id", linkId)
                        .bind("limit", limit)
                        .map(JdbiPaymentLinkStore::payment)
                        .list());
    }

    /** True when the insert went in; false when a unique key refused it. */
    private static boolean uniquely(Runnable insert) {
        try {
            insert.run();
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isIntegrityViolation(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    private static PaymentLink link(ResultSet row, StatementContext context) throws SQLException {
        return new PaymentLink(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("merchant_id")),
                new PaymentLink.Terms(
                        new Money(row.getLong("amount_minor"), Currency.getInstance(row.getString("currency"))),
                        row.getString("description"),
                        Optional.ofNullable(row.getString("customer_email")),
                        row.getString("secret"),
                        URI.create(row.getString("callback_url")),
                        Optional.ofNullable(row.getString("duration")).map(LinkDuration::valueOf),
                        Optional.ofNullable(row.getString("metadata")).map(Metadata::new)),
                LinkStatus.valueOf(row.getString("status")),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "updated_at"),
                row.getLong("version"));
    }

    private static LinkPayment payment(ResultSet row, StatementContext context) throws SQLException {
        return new LinkPayment(
                row.getString("id"),
                Mode.valueOf(row.getString("mode")),
                row.getString("link_id"),
                new ParticipantId(row.getString("merchant_id")),
                new ParticipantId(row.getString("bank_id")),
                new CustomerId(row.getString("customer_id")),
                row.getString("agreement_id"),
                Optional.ofNullable(row.getString("schedule_id")),
                LinkPaymentStatus.valueOf(row.getString("status")),
                Optional.ofNullable(row.getString("failure_reason")),
                UtcColumns.optionalInstant(row, "last_paid_at"),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "updated_at"),
                row.getLong("version"));
    }
}
