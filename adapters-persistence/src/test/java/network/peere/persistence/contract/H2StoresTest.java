package network.peere.persistence.contract;

import java.util.ArrayList;
import java.util.List;
import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The JDBI stores on H2 in MySQL mode against every store contract, each test on a database of its own. */
class H2StoresTest {
    private final List<TestDatabase> opened = new ArrayList<>();

    private PeereStores freshDatabase() {
        var database = TestDatabases.h2();
        opened.add(database);
        return database.stores();
    }

    @AfterEach
    void dropDatabases() {
        opened.forEach(TestDatabase::close);
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
    class Transactions extends TransactorContract {
        @Override
        protected PeereStores freshStores() {
            return freshDatabase();
        }
    }
}
