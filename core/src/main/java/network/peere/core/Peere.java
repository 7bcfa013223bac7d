package network.peere.core;

import java.util.Objects;
import java.util.function.Consumer;
import network.peere.core.domain.webhook.RetrySchedules;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.in.audit.ReadAuditLog;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.FindAgreements;
import network.peere.core.ports.in.billing.FindTransactions;
import network.peere.core.ports.in.billing.RunBillingDeadlines;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.core.ports.in.billing.SimulateBanks;
import network.peere.core.ports.in.idempotency.RunIdempotently;
import network.peere.core.ports.in.identity.FindBankCustomers;
import network.peere.core.ports.in.identity.LinkDevices;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.identity.ResolvePhrase;
import network.peere.core.ports.in.identity.UpdateCustomer;
import network.peere.core.ports.in.link.ManagePaymentLinks;
import network.peere.core.ports.in.link.PayLinks;
import network.peere.core.ports.in.money.ManageFees;
import network.peere.core.ports.in.money.ReconcileLedger;
import network.peere.core.ports.in.money.RefundCharges;
import network.peere.core.ports.in.money.SettleMerchants;
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
import network.peere.core.ports.in.recurring.ManageSchedules;
import network.peere.core.ports.in.recurring.RunRenewals;
import network.peere.core.ports.in.webhook.DeliverWebhooks;
import network.peere.core.ports.in.webhook.ListDeliveries;
import network.peere.core.ports.in.webhook.ManageWebhookEndpoints;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.in.webhook.PurgeWebhookHistory;
import network.peere.core.ports.in.webhook.ReplayEvents;
import network.peere.core.ports.in.webhook.SendTestEvent;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.PhraseSealer;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.ports.out.SecretCipher;
import network.peere.core.ports.out.WebhookSender;
import network.peere.core.ports.out.WebhookUrlPolicy;
import network.peere.core.services.TimeOrderedIdGenerator;
import network.peere.core.services.audit.AuditTrail;
import network.peere.core.services.billing.AgreementOutcomes;
import network.peere.core.services.billing.BankSimulator;
import network.peere.core.services.billing.BillingSettings;
import network.peere.core.services.billing.ChargeService;
import network.peere.core.services.billing.IntentService;
import network.peere.core.services.idempotency.IdempotencyService;
import network.peere.core.services.identity.CustomerService;
import network.peere.core.services.identity.DeviceService;
import network.peere.core.services.identity.LookupService;
import network.peere.core.services.link.LinkCallbacks;
import network.peere.core.services.link.LinkPaymentService;
import network.peere.core.services.link.PaymentLinkService;
import network.peere.core.services.money.FeeService;
import network.peere.core.services.money.ReconciliationService;
import network.peere.core.services.money.RefundService;
import network.peere.core.services.money.SettlementService;
import network.peere.core.services.participant.ApiKeyService;
import network.peere.core.services.participant.MerchantService;
import network.peere.core.services.participant.ParticipantService;
import network.peere.core.services.ratelimit.RateLimitService;
import network.peere.core.services.recurring.RecurringService;
import network.peere.core.services.recurring.RunOutcomes;
import network.peere.core.services.webhook.EventPublisher;
import network.peere.core.services.webhook.WebhookDeliveryService;
import network.peere.core.services.webhook.WebhookEndpointService;

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
    private final MerchantService merchants;
    private final AuditTrail audit;
    private final IdempotencyService idempotency;
    private final RateLimitService rateLimits;
    private final EventPublisher events;
    private final WebhookEndpointService webhookEndpoints;
    private final WebhookDeliveryService webhookDeliveries;
    private final CustomerService customers;
    private final DeviceService devices;
    private final LookupService lookups;
    private final IntentService intents;
    private final ChargeService charges;
    private final BankSimulator simulator;
    private final FeeService fees;
    private final RefundService refunds;
    private final SettlementService settlements;
    private final ReconciliationService reconciliation;
    private final RecurringService recurring;
    private final PaymentLinkService paymentLinks;
    private final LinkPaymentService linkPayments;

    private Peere(Config config) {
        PeereStores stores = require(config.stores, "stores");
        Clock clock = require(config.clock, "clock");
        RandomSource random = require(config.random, "random");
        IdGenerator ids = config.ids != null ? config.ids : new TimeOrderedIdGenerator(clock, random);
        this.audit = new AuditTrail(stores, clock, ids);
        this.idempotency = new IdempotencyService(stores, clock);
        this.events = new EventPublisher(stores, clock, ids);
        this.participants = new ParticipantService(stores, clock, ids, audit, events);
        this.apiKeys = new ApiKeyService(stores, clock, ids, random, audit, events);
        this.rateLimits = new RateLimitService(stores, audit);
        this.merchants = new MerchantService(stores, clock, ids, audit, events);
        Webhooks webhooks = config.webhooks != null ? config.webhooks : Webhooks.UNCONFIGURED;
        this.webhookEndpoints =
                new WebhookEndpointService(stores, clock, ids, random, audit, webhooks.cipher(), webhooks.urls());
        this.webhookDeliveries = new WebhookDeliveryService(
                stores,
                new WebhookDeliveryService.Collaborators(
                        clock, ids, random, audit, webhooks.cipher(), webhooks.sender(), webhooks.retries()),
                events,
                webhookEndpoints);
        this.lookups = new LookupService(stores, require(config.phraseSealer, "phraseSealer"));
        this.customers = new CustomerService(stores, clock, ids, audit, lookups, events);
        this.devices = new DeviceService(stores, clock);
        BillingSettings billing = config.billing != null ? config.billing : BillingSettings.standard();
        var agreementOutcomes = new AgreementOutcomes.Deferred();
        this.intents = new IntentService(stores, clock, ids, random, lookups, billing, events, agreementOutcomes);
        this.fees = new FeeService(stores);
        var linkCallbacks = new LinkCallbacks(stores, clock, events);
        this.charges = new ChargeService(
                stores, clock, ids, billing, events, intents, fees, new RunOutcomes(stores, clock, linkCallbacks));
        this.recurring = new RecurringService(stores, clock, ids, events, billing, charges, linkCallbacks);
        this.linkPayments = new LinkPaymentService(stores, clock, ids, lookups, lookups, intents, intents, recurring);
        agreementOutcomes.set(linkPayments);
        this.paymentLinks = new PaymentLinkService(
                stores,
                clock,
                ids,
                random,
                billing,
                new PaymentLinkService.Webhooks(webhooks.urls(), webhooks.cipher(), webhookDeliveries),
                linkPayments);
        this.refunds = new RefundService(stores, clock, ids, events);
        this.settlements = new SettlementService(stores, clock, ids, events, billing.settlementZone());
        this.reconciliation = new ReconciliationService(stores);
        this.simulator = new BankSimulator(stores, clock, intents, charges, refunds);
    }

    public static Peere create(Consumer<Config> configure) {
        var config = new Config();
        configure.accept(config);
        return new Peere(config);
    }

    /** The hosted pay page: read a link, find the customer's banks, pay, follow the payment. No API key. */
    public PayLinks payLinks() {
        return linkPayments;
    }

    /** A merchant's payment links: create, list, read, deactivate, verify, and read or replay their callbacks. */
    public ManagePaymentLinks managePaymentLinks() {
        return paymentLinks;
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

    public PublishEvents publishEvents() {
        return events;
    }

    public ManageWebhookEndpoints manageWebhookEndpoints() {
        return webhookEndpoints;
    }

    public DeliverWebhooks deliverWebhooks() {
        return webhookDeliveries;
    }

    public ReplayEvents replayEvents() {
        return webhookDeliveries;
    }

    public SendTestEvent sendTestEvent() {
        return webhookDeliveries;
    }

    public ListDeliveries listDeliveries() {
        return webhookDeliveries;
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

    public PurgeWebhookHistory purgeWebhookHistory() {
        return webhookDeliveries;
    }

    /** A merchant (or its provider) asks customers' banks for permission to bill. */
    public SendBillingIntents sendBillingIntents() {
        return intents;
    }

    /** A bank records, changes or revokes its customer's decision; a merchant revokes an agreement. */
    public AnswerIntents answerIntents() {
        return intents;
    }

    public FindAgreements findAgreements() {
        return intents;
    }

    /** A merchant (or its provider) bills against agreements. */
    public BillCustomers billCustomers() {
        return charges;
    }

    /** A bank answers billing requests. */
    public AnswerBillingRequests answerBillingRequests() {
        return charges;
    }

    public FindTransactions findTransactions() {
        return charges;
    }

    /** Expires unanswered intents and billing requests; run periodically by the server. */
    public RunBillingDeadlines runBillingDeadlines() {
        return charges;
    }

    /** Refunds of confirmed charges, and the bank's answers to them. */
    public RefundCharges refundCharges() {
        return refunds;
    }

    /** Fee schedules: the network's, a provider's, a merchant's. */
    public ManageFees manageFees() {
        return fees;
    }

    /** Settlement windows, payouts and payout accounts; {@code settleDue} is run periodically by the server. */
    public SettleMerchants settleMerchants() {
        return settlements;
    }

    /** Proves the ledger against the charges, refunds and payouts. */
    public ReconcileLedger reconcileLedger() {
        return reconciliation;
    }

    /** A merchant's (or provider's) recurring schedules on its {@code approve_recurring} agreements. */
    public ManageSchedules manageSchedules() {
        return recurring;
    }

    /** The renewal engine: notices, due periods and retries; run periodically by the server. */
    public RunRenewals runRenewals() {
        return recurring;
    }

    /** The sandbox bank simulator: mark banks simulated, and answer what is due for them. */
    public SimulateBanks simulateBanks() {
        return simulator;
    }

    private static <T> T require(T value, String name) {
        return Objects.requireNonNull(value, () -> "Peere.create: config." + name + "(…) is required");
    }

    /**
     * What webhooks need from outside the core: the cipher for secrets at rest, the HTTP sender, the URL policy and
     * the retry schedule per event type. Without it, events are still written to the outbox, but managing endpoints
     * and delivering fail.
     */
    public record Webhooks(SecretCipher cipher, WebhookSender sender, WebhookUrlPolicy urls, RetrySchedules retries) {
        static final Webhooks UNCONFIGURED = new Webhooks(
                new SecretCipher() {
                    @Override
                    public SealedSecret seal(WebhookSecret secret) {
                        throw unconfigured();
                    }

                    @Override
                    public WebhookSecret open(SealedSecret sealed) {
                        throw unconfigured();
                    }
                },
                delivery -> {
                    throw unconfigured();
                },
                (mode, url) -> {
                    throw unconfigured();
                },
                RetrySchedules.standard());

        public Webhooks {
            Objects.requireNonNull(cipher, "cipher");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(urls, "urls");
            Objects.requireNonNull(retries, "retries");
        }

        private static IllegalStateException unconfigured() {
            return new IllegalStateException("Peere.create: config.webhooks(…) is required to use webhooks");
        }
    }

    /** What an embedder provides. {@code ids} is optional (time-ordered ids from the clock and randomness). */
    public static final class Config {
        private PeereStores stores;
        private Clock clock;
        private RandomSource random;
        private IdGenerator ids;
        private Webhooks webhooks;
        private PhraseSealer phraseSealer;
        private BillingSettings billing;

        private Config() {}

        /** Answer deadlines and minimum charges; {@link BillingSettings#standard()} when not given. */
        public Config billing(BillingSettings billing) {
            this.billing = billing;
            return this;
        }

        public Config webhooks(Webhooks webhooks) {
            this.webhooks = webhooks;
            return this;
        }

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
