package network.peere.app.usecases;

import network.peere.app.testing.StoreBackend;
import org.junit.jupiter.api.Nested;

/** {@link ParticipantUseCasesContract} on each store implementation. */
class ParticipantUseCasesTest {
    @Nested
    class InMemory extends ParticipantUseCasesContract {
        InMemory() {
            super(StoreBackend.IN_MEMORY);
        }
    }

    @Nested
    class OnH2 extends ParticipantUseCasesContract {
        OnH2() {
            super(StoreBackend.H2);
        }
    }

    @Nested
    class OnMariaDb extends ParticipantUseCasesContract {
        OnMariaDb() {
            super(StoreBackend.MARIADB);
        }
    }
}
