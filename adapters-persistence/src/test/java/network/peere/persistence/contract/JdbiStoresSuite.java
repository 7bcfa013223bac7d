package network.peere.persistence.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The JDBI stores against every store contract on one kind of database, each test on a database of its own. */
abstract class JdbiStoresSuite {
    private final Supplier<TestDatabase> databases;
    private final List<TestDatabase> opened = new ArrayList<>();

    JdbiStoresSuite(Supplier<TestDatabase> databases) {
        this.databases = databases;
    }

    private PeereStores freshDatabase() {
        var database = databases.get();
        opened.add(database);
        return database.stores();
    }

    @AfterEach
    void dropDatabases() {
        opened.forEach(TestDatabase::close);
        opened.clear();
    }

    @Nested
    class Participants extends ParticipantStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class RateLimitOverrides extends RateLimitOverrideStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Transactions extends TransactorContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class LimitUsage extends LimitUsageStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Customers extends CustomerStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Ledger extends LedgerJournalContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Webhooks extends WebhookStoresContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class CustomerBatches extends CustomerBatchStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Agreements extends AgreementStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class AgreementRowLocks extends AgreementRowLocksContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Charges extends ChargeStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class SimulatedBanks extends SimulatedBankStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Refunds extends RefundStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class FeeSchedules extends FeeScheduleStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class PayoutAccounts extends PayoutAccountStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Settlements extends SettlementStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class Recurring extends RecurringStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }

    @Nested
    class PaymentLinks extends PaymentLinkStoreContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }
}
