package network.peere.core.services.participant;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ApiKeySecret;
import network.peere.core.domain.participant.KeyOwner;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.ports.in.participant.AuthenticateApiKey;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RandomSource;
import network.peere.core.services.audit.AuditTrail;

public final class ApiKeyService implements ManageApiKeys, AuthenticateApiKey {
    private static final String KEY_ID_PREFIX = "key";

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final RandomSource random;
    private final AuditTrail audit;
    private final PublishEvents events;

    public ApiKeyService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            RandomSource random,
            AuditTrail audit,
            PublishEvents events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.random = Objects.requireNonNull(random, "random");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Issue issue(Mode mode, ParticipantId owner, String label, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            if (stores.participants().find(mode, owner).isEmpty()) {
                return new Issue.OwnerNotFound();
            }
            ApiKeySecret secret = ApiKeySecret.issue(mode, random.bytes(ApiKeySecret.RANDOM_BYTES));
            var key = new ApiKey(
                    new ApiKeyId(ids.newId(KEY_ID_PREFIX)),
                    owner,
                    mode,
                    secret.hash(),
                    secret.hint(),
                    label,
                    clock.now(),
                    Optional.empty());
            stores.apiKeys().insert(key);
            audit.record(
                    mode,
                    actor,
                    owner,
                    AuditAction.API_KEY_CREATED,
                    Map.of("keyId", key.id().value(), "label", label));
            return new Issue.Issued(key, secret);
        });
    }

    @Override
    public List<ApiKey> list(Mode mode, ParticipantId owner) {
        return stores.apiKeys().listFor(mode, owner);
    }

    @Override
    public Revocation revoke(Mode mode, ParticipantId owner, ApiKeyId keyId, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<ApiKey> key = stores.apiKeys().find(mode, owner, keyId);
            if (key.isEmpty()) {
                return new Revocation.Rejected(RevocationRejection.KEY_NOT_FOUND);
            }
            if (key.get().isRevoked()) {
                return new Revocation.Rejected(RevocationRejection.ALREADY_REVOKED);
            }
            ApiKey revoked = key.get().revoke(clock.now());
            // Conditional on "not yet revoked": of two concurrent revocations exactly one wins.
            if (!stores.apiKeys().revoke(mode, owner, keyId, revoked.revokedAt().orElseThrow())) {
                return new Revocation.Rejected(RevocationRejection.ALREADY_REVOKED);
            }
            audit.record(mode, actor, owner, AuditAction.API_KEY_REVOKED, Map.of("keyId", keyId.value()));
            events.publish(
                    mode,
                    owner,
                    EventType.API_KEY_REVOKED,
                    keyId.value(),
                    Map.of(
                            "keyId", keyId.value(),
                            "hint", revoked.hint(),
                            "label", revoked.label(),
                            "revokedAt", revoked.revokedAt().orElseThrow()));
            return new Revocation.Revoked(revoked);
        });
    }

    @Override
    public Authentication authenticate(String presentedKey) {
        Optional<ApiKeySecret> parsed = ApiKeySecret.parse(presentedKey);
        if (parsed.isEmpty()) {
            return new Authentication.Rejected(Rejection.MALFORMED_KEY);
        }
        ApiKeySecret secret = parsed.get();
        var hash = secret.hash();
        // Every request authenticates: one indexed round trip reads the key and its owner together.
        Optional<KeyOwner> stored = stores.apiKeys().findWithOwner(secret.mode(), hash);
        // The index lookup finds the row; the constant-time comparison is what decides.
        if (stored.isEmpty() || !stored.get().key().hash().matchesInConstantTime(hash)) {
            return new Authentication.Rejected(Rejection.UNKNOWN_KEY);
        }
        ApiKey key = stored.get().key();
        Invariants.check(key.mode() == secret.mode(), "a key was found in another mode");
        if (key.isRevoked()) {
            return new Authentication.Rejected(Rejection.REVOKED_KEY);
        }
        if (stored.get().status() != ParticipantStatus.ACTIVE) {
            return new Authentication.Rejected(Rejection.PARTICIPANT_SUSPENDED);
        }
        return new Authentication.Authenticated(
                new Principal(key.participantId(), key.mode(), stored.get().role(), key.id()),
                stored.get().owner());
    }
}
