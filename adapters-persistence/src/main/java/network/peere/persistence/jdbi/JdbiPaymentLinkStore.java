package network.peere.persistence.jdbi;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.PaymentLinkStore;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Payment links in {@code payment_links}, callback keys in {@code link_callback_keys}. */
final class JdbiPaymentLinkStore implements PaymentLinkStore {
    private static final String INTEGRITY_VIOLATION = "23";

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
        return transactor.withHandle(handle -> handle.createQuery(SELECT + "WHERE mode = :mode AND id = :id")
                .bind("mode", mode.name())
                .bind("id", linkId)
                .map(JdbiPaymentLinkStore::link)
                .findOne());
    }

    @Override
    public Optional<PaymentLink> findBySecret(Mode mode, ParticipantId merchantId, String secret) {
        return transactor.withHandle(handle -> handle.createQuery(
                        SELECT + "WHERE mode = :mode AND merchant_id = :merchant_id AND secret = :secret")
                .bind("mode", mode.name())
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
    public Optional<String> callbackKey(Mode mode, ParticipantId merchantId) {
        return transactor.withHandle(handle -> handle.createQuery(
                        "SELECT callback_key FROM link_callback_keys WHERE mode = :mode AND merchant_id = :merchant_id")
                .bind("mode", mode.name())
                .bind("merchant_id", merchantId.value())
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public boolean insertCallbackKey(Mode mode, ParticipantId merchantId, String key) {
        return uniquely(() -> transactor.withHandle(handle -> handle.createUpdate(
                        "INSERT INTO link_callback_keys (mode, merchant_id, callback_key) VALUES (:mode, :merchant_id, :key)")
                .bind("mode", mode.name())
                .bind("merchant_id", merchantId.value())
                .bind("key", key)
                .execute()));
    }

    /** True when the insert went in; false when a unique key refused it. */
    private static boolean uniquely(Runnable insert) {
        try {
            insert.run();
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
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
}
