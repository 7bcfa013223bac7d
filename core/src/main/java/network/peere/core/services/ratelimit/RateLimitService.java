package network.peere.core.services.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.EffectiveRateLimits;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.ratelimit.ConfigureRateLimits;
import network.peere.core.ports.in.ratelimit.ResolveRateLimits;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.audit.AuditTrail;

public final class RateLimitService implements ResolveRateLimits, ConfigureRateLimits {
    private final PeereStores stores;

    private final AuditTrail audit;

    public RateLimitService(PeereStores stores, AuditTrail audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public Resolution resolve(Mode mode, ParticipantId participantId) {
        return stores.transactor().inTransaction(() -> {
            Optional<Participant> participant = stores.participants().find(mode, participantId);
            if (participant.isEmpty()) {
                return new Resolution.Rejected(ResolveRateLimits.Rejection.PARTICIPANT_NOT_FOUND);
            }
            return new Resolution.Resolved(effective(participant.get()));
        });
    }

    @Override
    public Configuration override(Mode mode, ParticipantId participantId, RateLimitOverride override, Actor actor) {
        Objects.requireNonNull(override, "override");
        return stores.transactor().inTransaction(() -> {
            Optional<Participant> participant = stores.participants().find(mode, participantId);
            if (participant.isEmpty()) {
                return new Configuration.Rejected(ConfigureRateLimits.Rejection.PARTICIPANT_NOT_FOUND);
            }
            stores.rateLimitOverrides().save(mode, participantId, override);
            Map<String, String> details = new LinkedHashMap<>();
            override.byClass()
                    .forEach((rateClass, limit) -> details.put(
                            WireEnums.wireName(rateClass),
                            limit.perMinute() + "/min, burst " + limit.burstPerSecond() + "/s"));
            audit.record(mode, actor, participantId, AuditAction.RATE_LIMITS_CHANGED, details);
            return new Configuration.Configured(effective(participant.get()));
        });
    }

    @Override
    public Configuration clearOverride(Mode mode, ParticipantId participantId, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<Participant> participant = stores.participants().find(mode, participantId);
            if (participant.isEmpty()) {
                return new Configuration.Rejected(ConfigureRateLimits.Rejection.PARTICIPANT_NOT_FOUND);
            }
            stores.rateLimitOverrides().clear(mode, participantId);
            audit.record(mode, actor, participantId, AuditAction.RATE_LIMITS_CHANGED, Map.of("override", "cleared"));
            return new Configuration.Configured(effective(participant.get()));
        });
    }

    /** Read back from the store, so the caller sees what the next request will get. */
    private EffectiveRateLimits effective(Participant participant) {
        return EffectiveRateLimits.of(
                participant, stores.rateLimitOverrides().find(participant.mode(), participant.id()));
    }
}
