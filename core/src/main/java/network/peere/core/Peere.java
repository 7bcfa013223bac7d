package network.peere.core;

import java.util.Objects;
import java.util.function.Consumer;
import network.peere.core.ports.in.audit.ReadAuditLog;
import network.peere.core.ports.in.idempotency.RunIdempotently;
import network.peere.core.ports.in.identity.FindBankCustomers;
import network.peere.core.ports.in.identity.LinkDevices;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.identity.ResolvePhrase;
import network.peere.core.ports.in.identity.UpdateCustomer;
import network.peere.core.ports.in.participant.AuthenticateApiKey;
import network.peere.core.ports.in.participant.ChangeParticipant;
import network.peere.core.ports.in.participant.FindParticipants;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.core.ports.in.ratelimit.ConfigureRateLimits;
import network.peere.core.ports.in.ratelimit.ResolveRateLimits;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.PhraseSealer;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.services.TimeOrderedIdGenerator;
import network.peere.core.services.audit.AuditTrail;
import network.peere.core.services.idempotency.IdempotencyService;
import network.peere.core.services.identity.CustomerService;
import network.peere.core.services.identity.DeviceService;
import network.peere.core.services.identity.LookupService;
import network.peere.core.services.participant.ApiKeyService;
import network.peere.core.services.participant.ParticipantService;
import network.peere.core.services.ratelimit.RateLimitService;

/**
 * The one entry point for embedding Peere: give it stores, a clock and randomness, and drive the use cases
 * in-process. Nothing here starts threads or opens sockets.
 *
 * <pre>{@code
 * Peere peere = Peere.create(config -> config
 *         .stores(new InMemoryStores())
 *         .clock(Clock.of(java.time.Clock.systemUTC()))
 *         .random(RandomSource.of(new SecureRandom()))
 *         .phraseSealer(sealer));
 * peere.registerParticipant().register(...);
 * }</pre>
 */
public final class Peere {
    private final ParticipantService participants;
    private final ApiKeyService apiKeys;
    private final AuditTrail audit;
    private final IdempotencyService idempotency;
    private final RateLimitService rateLimits;
    private final CustomerService customers;
    private final DeviceService devices;
    private final LookupService lookups;

    private Peere(Config config) {
        PeereStores stores = require(config.stores, "stores");
        Clock clock = require(config.clock, "clock");
        RandomSource random = require(config.random, "random");
        IdGenerator ids = config.ids != null ? config.ids : new TimeOrderedIdGenerator(clock, random);
        this.audit = new AuditTrail(stores, clock, ids);
        this.idempotency = new IdempotencyService(stores, clock);
        this.participants = new ParticipantService(stores, clock, ids, audit);
        this.apiKeys = new ApiKeyService(stores, clock, ids, random, audit);
        this.rateLimits = new RateLimitService(stores, audit);
        this.lookups = new LookupService(stores, require(config.phraseSealer, "phraseSealer"));
        this.customers = new CustomerService(stores, clock, ids, audit, lookups);
        this.devices = new DeviceService(stores, clock);
    }

    public static Peere create(Consumer<Config> configure) {
        var config = new Config();
        configure.accept(config);
        return new Peere(config);
    }

    public RegisterParticipant registerParticipant() {
        return participants;
    }

    public ChangeParticipant changeParticipant() {
        return participants;
    }

    public FindParticipants findParticipants() {
        return participants;
    }

    public ManageApiKeys manageApiKeys() {
        return apiKeys;
    }

    public AuthenticateApiKey authenticateApiKey() {
        return apiKeys;
    }

    public ReadAuditLog readAuditLog() {
        return audit;
    }

    public RunIdempotently runIdempotently() {
        return idempotency;
    }

    public ResolveRateLimits resolveRateLimits() {
        return rateLimits;
    }

    public ConfigureRateLimits configureRateLimits() {
        return rateLimits;
    }

    public MigrateCustomers migrateCustomers() {
        return customers;
    }

    public FindBankCustomers findBankCustomers() {
        return customers;
    }

    public UpdateCustomer updateCustomer() {
        return customers;
    }

    public LinkDevices linkDevices() {
        return devices;
    }

    public LookUpCustomer lookUpCustomer() {
        return lookups;
    }

    public ResolvePhrase resolvePhrase() {
        return lookups;
    }

    private static <T> T require(T value, String name) {
        return Objects.requireNonNull(value, () -> "Peere.create: config." + name + "(…) is required");
    }

    /** What an embedder provides. {@code ids} is optional (time-ordered ids from the clock and randomness). */
    public static final class Config {
        private PeereStores stores;
        private Clock clock;
        private RandomSource random;
        private IdGenerator ids;
        private PhraseSealer phraseSealer;

        private Config() {}

        public Config stores(PeereStores stores) {
            this.stores = stores;
            return this;
        }

        public Config clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Config random(RandomSource random) {
            this.random = random;
            return this;
        }

        public Config ids(IdGenerator ids) {
            this.ids = ids;
            return this;
        }

        /** Seals merchants' lookup phrases under the network's keys (the server's is AES-GCM, in the app). */
        public Config phraseSealer(PhraseSealer phraseSealer) {
            this.phraseSealer = phraseSealer;
            return this;
        }
    }
}
