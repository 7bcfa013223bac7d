package network.peere.persistence.contract;

import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.memory.InMemoryStores;
import org.junit.jupiter.api.Nested;

/** The in-memory stores against every store contract. */
class InMemoryStoresTest {
    @Nested
    class Participants extends ParticipantStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class RateLimitOverrides extends RateLimitOverrideStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Transactions extends TransactorContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class LimitUsage extends LimitUsageStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Customers extends CustomerStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Ledger extends LedgerJournalContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Webhooks extends WebhookStoresContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class CustomerBatches extends CustomerBatchStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Agreements extends AgreementStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Charges extends ChargeStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class SimulatedBanks extends SimulatedBankStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Refunds extends RefundStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class FeeSchedules extends FeeScheduleStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class PayoutAccounts extends PayoutAccountStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Settlements extends SettlementStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class Recurring extends RecurringStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class PaymentLinks extends PaymentLinkStoreContract {
        @Override
        protected PeereStores freshStores() {
            return new InMemoryStores();
        }
    }
}
