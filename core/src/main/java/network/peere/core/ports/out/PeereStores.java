package network.peere.core.ports.out;

/** Every store the core needs, and the transaction they share; one implementation per persistence adapter. */
public interface PeereStores {
    Transactor transactor();

    ParticipantStore participants();

    ApiKeyStore apiKeys();

    AuditLog auditLog();

    IdempotencyStore idempotency();

    RateLimitOverrideStore rateLimitOverrides();

    LimitUsageStore limitUsage();

    LedgerJournal ledger();

    WebhookEndpointStore webhookEndpoints();

    EventOutbox eventOutbox();

    WebhookDeliveryQueue webhookDeliveries();

    CustomerStore customers();

    DeviceStore devices();

    CustomerBatchStore customerBatches();

    AgreementStore agreements();

    ChargeStore charges();

    SimulatedBankStore simulatedBanks();

    RefundStore refunds();

    FeeScheduleStore feeSchedules();

    PayoutAccountStore payoutAccounts();

    SettlementStore settlements();

    RecurringStore recurring();

    PaymentLinkStore paymentLinks();
}
