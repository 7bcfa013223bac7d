package network.peere.persistence.memory;

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

/**
 * Stores kept in memory, for fast tests of the core and for trying Peere without a database. They pass the same
 * contract tests as the SQL stores; all their state goes when the instance does.
 */
public final class InMemoryStores implements PeereStores {
    private final InMemoryTransactor transactor = new InMemoryTransactor();
    private final InMemoryParticipantStore participants = new InMemoryParticipantStore(transactor);
    private final InMemoryApiKeyStore apiKeys =
            new InMemoryApiKeyStore(transactor, (mode, id) -> this.participants.find(mode, id));
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog(transactor);
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(transactor);
    private final InMemoryLimitUsageStore limitUsage = new InMemoryLimitUsageStore(transactor);
    private final InMemoryLedgerJournal ledger = new InMemoryLedgerJournal(transactor);
    private final InMemoryRateLimitOverrideStore rateLimitOverrides = new InMemoryRateLimitOverrideStore(transactor);
    private final InMemoryWebhookEndpointStore webhookEndpoints = new InMemoryWebhookEndpointStore(transactor);
    private final InMemoryWebhookOutbox outbox = new InMemoryWebhookOutbox(transactor);
    // The lambda reads the device store when called, after construction has finished.
    private final InMemoryCustomerStore customers = new InMemoryCustomerStore(
            transactor,
            (mode, deviceId) -> this.devices.linkedAnywhere(mode, deviceId),
            (mode, bankId) -> this.participants.find(mode, bankId));
    private final InMemoryDeviceStore devices = new InMemoryDeviceStore(transactor, customers);
    private final InMemoryCustomerBatchStore customerBatches = new InMemoryCustomerBatchStore(transactor);
    private final InMemoryAgreementStore agreements =
            new InMemoryAgreementStore(transactor, (mode, id) -> this.participants.find(mode, id));
    private final MerchantScopes merchantScopes = new MerchantScopes((mode, id) -> this.participants.find(mode, id));
    private final InMemoryChargeStore charges = new InMemoryChargeStore(transactor, merchantScopes);
    private final InMemorySimulatedBankStore simulatedBanks = new InMemorySimulatedBankStore(transactor);
    private final InMemoryRefundStore refunds = new InMemoryRefundStore(transactor, merchantScopes);
    private final InMemoryFeeScheduleStore feeSchedules = new InMemoryFeeScheduleStore(transactor);
    private final InMemoryPayoutAccountStore payoutAccounts = new InMemoryPayoutAccountStore(transactor);
    private final InMemorySettlementStore settlements = new InMemorySettlementStore(transactor, merchantScopes);
    private final InMemoryRecurringStore recurring = new InMemoryRecurringStore(transactor, merchantScopes);
    private final InMemoryPaymentLinkStore paymentLinks = new InMemoryPaymentLinkStore(transactor);

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
        return outbox;
    }

    @Override
    public WebhookDeliveryQueue webhookDeliveries() {
        return outbox;
    }

    @Override
    public CustomerStore customers() {
        return customers;
    }

    @Override
    public DeviceStore devices() {
        return devices;
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
