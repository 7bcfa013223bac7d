package network.peere.core;

import java.util.Objects;
import java.util.function.Consumer;
import network.peere.core.ports.in.audit.ReadAuditLog;
import network.peere.core.ports.in.idempotency.RunIdempotently;
import network.peere.core.ports.in.participant.AuthenticateApiKey;
import network.peere.core.ports.in.participant.ChangeMerchant;
import network.peere.core.ports.in.participant.ChangeParticipant;
import network.peere.core.ports.in.participant.FindParticipants;
import network.peere.core.ports.in.participant.FindProviderMerchants;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.OnboardMerchants;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.core.ports.in.ratelimit.ConfigureRateLimits;
import network.peere.core.ports.in.ratelimit.ResolveRateLimits;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.services.TimeOrderedIdGenerator;
import network.peere.core.services.audit.AuditTrail;
import network.peere.core.services.idempotency.IdempotencyService;
import network.peere.core.services.participant.ApiKeyService;
import network.peere.core.services.participant.MerchantService;
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
 *         .random(RandomSource.of(new SecureRandom())));
 * peere.registerParticipant().register(...);
 * }</pre>
 */
public final class Peere {
    private final ParticipantService participants;
    private final ApiKeyService apiKeys;
    private final MerchantService merchants;
    private final AuditTrail audit;
    private final IdempotencyService idempotency;
    private final RateLimitService rateLimits;

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
        this.merchants = new MerchantService(stores, clock, ids, audit);
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

    /** A provider brings a batch of merchants onto the network. */
    public OnboardMerchants onboardMerchants() {
        return merchants;
    }

    /** A provider reads its own merchants (never another provider's). */
    public FindProviderMerchants findProviderMerchants() {
        return merchants;
    }

    /** A provider edits its merchants and sets their trust; the operator sets any merchant's trust. */
    public ChangeMerchant changeMerchant() {
        return merchants;
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

    private static <T> T require(T value, String name) {
        return Objects.requireNonNull(value, () -> "Peere.create: config." + name + "(…) is required");
    }

    /** What an embedder provides. {@code ids} is optional (time-ordered ids from the clock and randomness). */
    public static final class Config {
        private PeereStores stores;
        private Clock clock;
        private RandomSource random;
        private IdGenerator ids;

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
    }
}
