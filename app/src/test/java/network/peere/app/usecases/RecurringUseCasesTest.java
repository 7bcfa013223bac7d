package network.peere.app.usecases;

import network.peere.app.testing.StoreBackend;
import org.junit.jupiter.api.Nested;

/** {@link RecurringUseCasesContract} on each store implementation. */
class RecurringUseCasesTest {
    @Nested
    class InMemory extends RecurringUseCasesContract {
        InMemory() {
            super(StoreBackend.IN_MEMORY);
        }
    }

    @Nested
    class OnH2 extends RecurringUseCasesContract {
        OnH2() {
            super(StoreBackend.H2);
        }
    }

    @Nested
    class OnMariaDb extends RecurringUseCasesContract {
        OnMariaDb() {
            super(StoreBackend.MARIADB);
        }
    }
}
