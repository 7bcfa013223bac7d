package network.peere.app.testing;

import network.peere.core.Peere;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;
import network.peere.persistence.memory.InMemoryStores;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** The store implementations a use-case suite runs on, each opened fresh and released after the test. */
public enum StoreBackend {
    IN_MEMORY,
    H2,
    MARIADB;

    /** Fresh stores and how to release them. */
    public record Opened(PeereStores stores, AutoCloseable release) implements AutoCloseable {
        /** The core over these stores, on the test's clock, with test phrase keys. */
        public Peere peere(Clock clock) {
            return Peere.create(config -> config.stores(stores)
                    .clock(clock)
                    .random(RandomSource.of(new java.util.Random()))
                    .phraseSealer(TestPhrases.sealer()));
        }

        /** As {@link #peere(Clock)}, with webhooks delivered through {@code webhooks} (a test sender). */
        public Peere peere(Clock clock, Peere.Webhooks webhooks) {
            return Peere.create(config -> config.stores(stores)
                    .clock(clock)
                    .random(RandomSource.of(new java.util.Random()))
                    .phraseSealer(TestPhrases.sealer())
                    .webhooks(webhooks));
        }

        @Override
        public void close() throws Exception {
            release.close();
        }
    }

    public Opened open() {
        return switch (this) {
            case IN_MEMORY -> new Opened(new InMemoryStores(), () -> {});
            case H2 -> opened(TestDatabases.h2());
            case MARIADB -> opened(TestDatabases.mariaDb());
        };
    }

    private static Opened opened(TestDatabase database) {
        return new Opened(database.stores(), database);
    }
}
