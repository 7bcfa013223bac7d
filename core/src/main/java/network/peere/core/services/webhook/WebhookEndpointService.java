package network.peere.core.services.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EndpointSecrets;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.in.webhook.ManageWebhookEndpoints;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.ports.out.SecretCipher;
import network.peere.core.ports.out.WebhookUrlPolicy;
import network.peere.core.services.audit.AuditTrail;

/** Endpoints and their secrets; every change is audited in its own transaction. */
public final class WebhookEndpointService implements ManageWebhookEndpoints {
    private static final String ID_PREFIX = "whe";

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final RandomSource random;
    private final AuditTrail audit;
    private final SecretCipher cipher;
    private final WebhookUrlPolicy urls;

    public WebhookEndpointService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            RandomSource random,
            AuditTrail audit,
            SecretCipher cipher,
            WebhookUrlPolicy urls) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.random = Objects.requireNonNull(random, "random");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.urls = Objects.requireNonNull(urls, "urls");
    }

    @Override
    public Creation create(Mode mode, ParticipantId owner, Spec spec, Actor actor) {
        // The URL check may resolve DNS: done before the transaction, so no row lock waits on a name server.
        if (urls.check(mode, spec.url()) instanceof WebhookUrlPolicy.Verdict.Refused refused) {
            return new Creation.Rejected(Rejection.URL_NOT_ALLOWED, refused.why());
        }
        WebhookSecret secret = WebhookSecret.generate(random.bytes(WebhookSecret.RANDOM_BYTES));
        var sealed = cipher.seal(secret);
        return stores.transactor().inTransaction(() -> {
            if (stores.webhookEndpoints().listFor(mode, owner).size() >= WebhookEndpoint.PER_PARTICIPANT_MAX) {
                return new Creation.Rejected(
                        Rejection.TOO_MANY_ENDPOINTS,
                        "A participant has at most " + WebhookEndpoint.PER_PARTICIPANT_MAX + " endpoints per mode.");
            }
            var now = clock.now();
            var endpoint = new WebhookEndpoint(
                    new WebhookEndpointId(ids.newId(ID_PREFIX)),
                    owner,
                    mode,
                    spec.url(),
                    spec.eventTypes(),
                    spec.status(),
                    EndpointSecrets.of(sealed),
                    now,
                    now);
            stores.webhookEndpoints().insert(endpoint);
            audit.record(mode, actor, owner, AuditAction.WEBHOOK_ENDPOINT_CREATED, details(endpoint));
            return new Creation.Created(endpoint, secret);
        });
    }

    @Override
    public List<WebhookEndpoint> list(Mode mode, ParticipantId owner) {
        List<WebhookEndpoint> endpoints = stores.webhookEndpoints().listFor(mode, owner);
        Invariants.check(
                endpoints.stream()
                        .allMatch(e -> e.mode() == mode && e.participantId().equals(owner)),
                "an endpoint store returned another owner's endpoint");
        return endpoints;
    }

    @Override
    public Optional<WebhookEndpoint> find(Mode mode, ParticipantId owner, WebhookEndpointId id) {
        return stores.webhookEndpoints().find(mode, owner, id);
    }

    @Override
    public Change update(Mode mode, ParticipantId owner, WebhookEndpointId id, Spec spec, Actor actor) {
        if (find(mode, owner, id).isEmpty()) {
            return new Change.Rejected(Rejection.ENDPOINT_NOT_FOUND, "");
        }
        if (urls.check(mode, spec.url()) instanceof WebhookUrlPolicy.Verdict.Refused refused) {
            return new Change.Rejected(Rejection.URL_NOT_ALLOWED, refused.why());
        }
        return stores.transactor().inTransaction(() -> {
            Optional<WebhookEndpoint> current = find(mode, owner, id);
            if (current.isEmpty()) {
                return new Change.Rejected(Rejection.ENDPOINT_NOT_FOUND, "");
            }
            WebhookEndpoint changed = current.get().with(spec.url(), spec.eventTypes(), spec.status(), clock.now());
            if (!stores.webhookEndpoints().update(current.get(), changed)) {
                return new Change.Rejected(Rejection.CONCURRENT_CHANGE, "");
            }
            audit.record(mode, actor, owner, AuditAction.WEBHOOK_ENDPOINT_UPDATED, details(changed));
            return new Change.Changed(changed);
        });
    }

    @Override
    public Change delete(Mode mode, ParticipantId owner, WebhookEndpointId id, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<WebhookEndpoint> current = find(mode, owner, id);
            if (current.isEmpty() || !stores.webhookEndpoints().delete(mode, owner, id)) {
                return new Change.Rejected(Rejection.ENDPOINT_NOT_FOUND, "");
            }
            audit.record(mode, actor, owner, AuditAction.WEBHOOK_ENDPOINT_DELETED, Map.of("endpointId", id.value()));
            return new Change.Changed(current.get());
        });
    }

    @Override
    public Rotation rotateSecret(Mode mode, ParticipantId owner, WebhookEndpointId id, Duration grace, Actor actor) {
        Invariants.requireArgument(
                grace, !grace.isNegative() && grace.compareTo(GRACE_MAX) <= 0, "grace must be 0.." + GRACE_MAX);
        WebhookSecret secret = WebhookSecret.generate(random.bytes(WebhookSecret.RANDOM_BYTES));
        var sealed = cipher.seal(secret);
        return stores.transactor().inTransaction(() -> {
            Optional<WebhookEndpoint> current = find(mode, owner, id);
            if (current.isEmpty()) {
                return new Rotation.Rejected(Rejection.ENDPOINT_NOT_FOUND, "");
            }
            var now = clock.now();
            WebhookEndpoint rotated =
                    current.get().withSecrets(current.get().secrets().rotate(sealed, now.plus(grace)), now);
            if (!stores.webhookEndpoints().update(current.get(), rotated)) {
                return new Rotation.Rejected(Rejection.CONCURRENT_CHANGE, "");
            }
            audit.record(
                    mode,
                    actor,
                    owner,
                    AuditAction.WEBHOOK_SECRET_ROTATED,
                    Map.of("endpointId", id.value(), "graceSeconds", Long.toString(grace.toSeconds())));
            return new Rotation.Rotated(rotated, secret);
        });
    }

    /** Disables an endpoint whose receiver answered 410; called inside the attempt's transaction. */
    void disableGone(WebhookEndpoint endpoint) {
        WebhookEndpoint gone = endpoint.with(endpoint.url(), endpoint.eventTypes(), EndpointStatus.GONE, clock.now());
        if (stores.webhookEndpoints().update(endpoint, gone)) {
            audit.record(
                    endpoint.mode(),
                    Actor.system("webhook delivery"),
                    endpoint.participantId(),
                    AuditAction.WEBHOOK_ENDPOINT_DISABLED,
                    Map.of("endpointId", endpoint.id().value(), "reason", "410 Gone"));
        }
    }

    private static Map<String, String> details(WebhookEndpoint endpoint) {
        return Map.of(
                "endpointId", endpoint.id().value(),
                "url", endpoint.url().toString(),
                "eventTypes",
                        endpoint.eventTypes().stream()
                                .map(EventType::wire)
                                .sorted()
                                .collect(Collectors.joining(",")),
                "status", endpoint.status().name().toLowerCase(java.util.Locale.ROOT));
    }
}
