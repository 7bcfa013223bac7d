package network.peere.app.usecases;

import network.peere.app.testing.StoreBackend;
import org.junit.jupiter.api.Nested;

/** {@link IdempotencyUseCasesContract} on each store implementation. */
class IdempotencyUseCasesTest {
    @Nested
    class InMemory extends IdempotencyUseCasesContract {
        InMemory() {
            super(StoreBackend.IN_MEMORY);
        }
    }

    @Nested
    class OnH2 extends IdempotencyUseCasesContract {
        OnH2() {
            super(StoreBackend.H2);
        }
    }

    @Nested
    class OnMariaDb extends IdempotencyUseCasesContract {
        OnMariaDb() {
            super(StoreBackend.MARIADB);
        }
    }
}
