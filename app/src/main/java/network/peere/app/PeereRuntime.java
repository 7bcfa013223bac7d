package network.peere.app;

import java.security.SecureRandom;
import java.time.Duration;
import network.peere.app.phrases.AesGcmPhraseSealer;
import network.peere.app.phrases.PhraseKeys;
import network.peere.core.Peere;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.services.billing.BillingSettings;
import network.peere.persistence.jdbi.Database;
import network.peere.persistence.jdbi.DatabaseSettings;
import network.peere.webhook.AesGcmSecretCipher;
import network.peere.webhook.HttpWebhookSender;
import network.peere.webhook.PublicUrlPolicy;

/**
 * The core wired to a migrated database: what both the server and the operator CLI run on. The only place that
 * hands the core the system clock and randomness.
 */
public final class PeereRuntime implements AutoCloseable {
    private final Database database;
    private final HttpWebhookSender sender;
    private final Peere peere;

    /** Microsecond ticks: what DATETIME(6) stores, so a value reads back exactly as it was written. */
    public static final Clock SYSTEM_CLOCK =
            Clock.of(java.time.Clock.tick(java.time.Clock.systemUTC(), Duration.ofNanos(1_000)));

    private PeereRuntime(Database database, PeereConfig config, Clock clock) {
        this.database = database;
        var urls = new PublicUrlPolicy(config.webhooks().relaxedUrlModes());
        this.sender = new HttpWebhookSender(config.webhooks().timeout(), urls);
        var webhooks = new Peere.Webhooks(
                new AesGcmSecretCipher(ServerSecretKey.load(config)),
                sender,
                urls,
                config.webhooks().retries());
        PhraseKeys phraseKeys = PhraseKeys.load(config.phraseKeys(), config.dataDir());
        this.peere = Peere.create(peereConfig -> peereConfig
                .stores(database.stores())
                .clock(clock)
                .random(RandomSource.of(new SecureRandom()))
                .webhooks(webhooks)
                .phraseSealer(new AesGcmPhraseSealer(phraseKeys))
                .billing(new BillingSettings(
                        config.billing().intentTtl(),
                        config.billing().chargeTtl(),
                        config.billing().minimumMinor(),
                        config.billing().settlementZone())));
    }

    public static PeereRuntime open(PeereConfig config) {
        return open(config, SYSTEM_CLOCK);
    }

    /** With another clock: tests drive webhook retries days ahead; production always runs on {@link #SYSTEM_CLOCK}. */
    public static PeereRuntime open(PeereConfig config, Clock clock) {
        Database database = Database.open(databaseSettings(config), config.lookupCache());
        try {
            return new PeereRuntime(database, config, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static DatabaseSettings databaseSettings(PeereConfig config) {
        return config.dbUrl()
                .map(url -> new DatabaseSettings(url, config.dbUser(), config.dbPassword(), config.dbPoolSize()))
                .orElseGet(() -> DatabaseSettings.h2File(config.dataDir()));
    }

    public Peere peere() {
        return peere;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            sender.close();
        } finally {
            database.close();
        }
    }
}
