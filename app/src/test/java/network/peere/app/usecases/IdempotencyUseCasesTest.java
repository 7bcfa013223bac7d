package network.peere.app.usecases;

import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.memory.InMemoryStores;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Nested;

/** {@link IdempotencyUseCasesContract} on each store implementation. */
class IdempotencyUseCasesTest {
    @Nested
    class InMemory extends IdempotencyUseCasesContract {
        @Override
        PeereStores openStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class OnH2 extends IdempotencyUseCasesContract {
        private TestDatabase database;

        @Override
        PeereStores openStores() {
            database = TestDatabases.h2();
            return database.stores();
        }

        @Override
        void closeStores() {
            database.close();
        }
    }

    @Nested
    class OnMariaDb extends IdempotencyUseCasesContract {
        private TestDatabase database;

        @Override
        PeereStores openStores() {
            database = TestDatabases.mariaDb();
            return database.stores();
        }

        @Override
        void closeStores() {
            database.close();
        }
    }
}
