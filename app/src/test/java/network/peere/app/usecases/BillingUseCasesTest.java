package network.peere.app.usecases;

import network.peere.app.testing.StoreBackend;
import org.junit.jupiter.api.Nested;

/** {@link BillingUseCasesContract} on each store implementation. */
class BillingUseCasesTest {
    @Nested
    class InMemory extends BillingUseCasesContract {
        InMemory() {
            super(StoreBackend.IN_MEMORY);
        }
    }

    @Nested
    class OnH2 extends BillingUseCasesContract {
        OnH2() {
            super(StoreBackend.H2);
        }
    }

    @Nested
    class OnMariaDb extends BillingUseCasesContract {
        OnMariaDb() {
            super(StoreBackend.MARIADB);
        }
    }
}
