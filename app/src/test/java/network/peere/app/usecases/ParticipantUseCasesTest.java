package network.peere.app.usecases;

import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.memory.InMemoryStores;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Nested;

/** {@link ParticipantUseCasesContract} on each store implementation. */
class ParticipantUseCasesTest {
    @Nested
    class InMemory extends ParticipantUseCasesContract {
        @Override
        PeereStores openStores() {
            return new InMemoryStores();
        }
    }

    @Nested
    class OnH2 extends ParticipantUseCasesContract {
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
    class OnMariaDb extends ParticipantUseCasesContract {
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
