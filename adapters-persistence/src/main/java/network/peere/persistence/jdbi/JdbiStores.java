package network.peere.persistence.jdbi;

import com.github.benmanes.caffeine.cache.Ticker;
import javax.sql.DataSource;
import network.peere.core.ports.out.AgreementStore;
import network.peere.core.ports.out.ApiKeyStore;
import network.peere.core.ports.out.AuditLog;
import network.peere.core.ports.out.ChargeStore;
import network.peere.core.ports.out.CustomerBatchStore;
import network.peere.core.ports.out.CustomerStore;
import network.peere.core.ports.out.DeviceStore;
import network.peere.core.ports.out.EventOutbox;
import network.peere.core.ports.out.FeeScheduleStore;
import network.peere.core.ports.out.IdempotencyStore;
import network.peere.core.ports.out.LedgerJournal;
import network.peere.core.ports.out.LimitUsageStore;
import network.peere.core.ports.out.ParticipantStore;
import network.peere.core.ports.out.PayoutAccountStore;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RateLimitOverrideStore;
import network.peere.core.ports.out.RecurringStore;
import network.peere.core.ports.out.RefundStore;
import network.peere.core.ports.out.SettlementStore;
import network.peere.core.ports.out.SimulatedBankStore;
import network.peere.core.ports.out.Transactor;
import network.peere.core.ports.out.WebhookDeliveryQueue;
import network.peere.core.ports.out.WebhookEndpointStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The stores over a SQL database (H2 in MySQL mode, MySQL 8, MariaDB 10.6+) whose schema Flyway has migrated; see
 * {@link Database} for a pooled, migrated one.
 */
public final class JdbiStores implements PeereStores {
    private final JdbiTransactor transactor;
    private final JdbiParticipantStore participants;
    private final JdbiApiKeyStore apiKeys;
    private final JdbiAuditLog auditLog;
    private final JdbiIdempotencyStore idempotency;
    private final JdbiLimitUsageStore limitUsage;
    private final JdbiLedgerJournal ledger;
    private final JdbiRateLimitOverrideStore rateLimitOverrides;
    private final CachingWebhookEndpoints webhookEndpoints;
    private final JdbiEventOutbox eventOutbox;
    private final JdbiWebhookDeliveryQueue webhookDeliveries;
    private final CachingCustomerDirectory directory;
    private final JdbiCustomerBatchStore customerBatches;
    private final JdbiAgreementStore agreements;
    private final JdbiChargeStore charges;
    private final JdbiSimulatedBankStore simulatedBanks;
    private final JdbiRecurringStore recurring;
    private final JdbiPaymentLinkStore paymentLinks;
    private final JdbiRefundStore refunds;
    private final JdbiFeeScheduleStore feeSchedules;
    private final JdbiPayoutAccountStore payoutAccounts;
    private final JdbiSettlementStore settlements;

    /** With the default lookup cache ({@link LookupCacheSettings#DEFAULT}). */
    public JdbiStores(DataSource dataSource) {
        this(dataSource, LookupCacheSettings.DEFAULT);
    }

    public JdbiStores(DataSource dataSource, LookupCacheSettings lookupCache) {
        this(dataSource, lookupCache, Ticker.systemTicker());
    }

    /** With the lookup cache and the endpoint cache on a time source of the test's. */
    JdbiStores(DataSource dataSource, LookupCacheSettings lookupCache, Ticker ticker) {
        this.transactor = new JdbiTransactor(Jdbi.create(dataSource));
        this.participants = new JdbiParticipantStore(transactor);
        this.apiKeys = new JdbiApiKeyStore(transactor);
        this.auditLog = new JdbiAuditLog(transactor);
        this.idempotency = new JdbiIdempotencyStore(transactor);
        this.limitUsage = new JdbiLimitUsageStore(transactor);
        this.ledger = new JdbiLedgerJournal(transactor);
        this.rateLimitOverrides = new JdbiRateLimitOverrideStore(transactor);
        this.webhookEndpoints =
                new CachingWebhookEndpoints(transactor, new JdbiWebhookEndpointStore(transactor), ticker);
        this.eventOutbox = new JdbiEventOutbox(transactor);
        this.webhookDeliveries = new JdbiWebhookDeliveryQueue(transactor);
        this.directory = new CachingCustomerDirectory(
                transactor, new JdbiCustomerStore(transactor), new JdbiDeviceStore(transactor), lookupCache, ticker);
        this.customerBatches = new JdbiCustomerBatchStore(transactor);
        this.agreements = new JdbiAgreementStore(transactor);
        this.charges = new JdbiChargeStore(transactor);
        this.simulatedBanks = new JdbiSimulatedBankStore(transactor);
        this.recurring = new JdbiRecurringStore(transactor);
        this.paymentLinks = new JdbiPaymentLinkStore(transactor);
        this.refunds = new JdbiRefundStore(transactor);
        this.feeSchedules = new JdbiFeeScheduleStore(transactor);
        this.payoutAccounts = new JdbiPayoutAccountStore(transactor);
        this.settlements = new JdbiSettlementStore(transactor);
    }

    @Override
    public Transactor transactor() {
        return transactor;
    }

    @Override
    public ParticipantStore participants() {
        return participants;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    public RateLimitOverrideStore rateLimitOverrides() {
        return rateLimitOverrides;
    }

    @Override
    public LimitUsageStore limitUsage() {
        return limitUsage;
    }

    @Override
    public LedgerJournal ledger() {
        return ledger;
    }

    @Override
    public WebhookEndpointStore webhookEndpoints() {
        return webhookEndpoints;
    }

    @Override
    public EventOutbox eventOutbox() {
        return eventOutbox;
    }

    @Override
    public WebhookDeliveryQueue webhookDeliveries() {
        return webhookDeliveries;
    }

    @Override
    public CustomerStore customers() {
        return directory.customers();
    }

    @Override
    public DeviceStore devices() {
        return directory.devices();
    }

    /** How many lookup answers this process's cache holds, once pending evictions have run. For tests of the bound. */
    long lookupsCached() {
        return directory.lookupsCached();
    }

    @Override
    public CustomerBatchStore customerBatches() {
        return customerBatches;
    }

    @Override
    public AgreementStore agreements() {
        return agreements;
    }

    @Override
    public ChargeStore charges() {
        return charges;
    }

    @Override
    public SimulatedBankStore simulatedBanks() {
        return simulatedBanks;
    }

    @Override
    public RefundStore refunds() {
        return refunds;
    }

    @Override
    public FeeScheduleStore feeSchedules() {
        return feeSchedules;
    }

    @Override
    public PayoutAccountStore payoutAccounts() {
        return payoutAccounts;
    }

    @Override
    public SettlementStore settlements() {
        return settlements;
    }

    @Override
    public RecurringStore recurring() {
        return recurring;
    }

    @Override
    public network.peere.core.ports.out.PaymentLinkStore paymentLinks() {
        return paymentLinks;
    }
}
