package network.peere.app.usecases;

import network.peere.app.testing.StoreBackend;
import org.junit.jupiter.api.Nested;

/** {@link LinkUseCasesContract} on each store implementation. */
class LinkUseCasesTest {
    @Nested
    class InMemory extends LinkUseCasesContract {
        InMemory() {
            super(StoreBackend.IN_MEMORY);
        }
    }

    @Nested
    class OnH2 extends LinkUseCasesContract {
        OnH2() {
            super(StoreBackend.H2);
        }
    }

    @Nested
    class OnMariaDb extends LinkUseCasesContract {
        OnMariaDb() {
            super(StoreBackend.MARIADB);
        }
    }
}
