package network.peere.http.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import network.peere.core.Peere;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Invariants;
import network.peere.http.support.Access;
import network.peere.http.support.Authenticator;
import network.peere.http.support.Envelope;

/** What a merchant asks about itself. Merchant calls never carry {@code entityId}: the key decides. */
public final class MerchantRoutes {
    private final Peere peere;

    public MerchantRoutes(Peere peere) {
        this.peere = peere;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/merchant", this::profile, Access.MERCHANT);
    }

    private void profile(Context ctx) {
        Principal caller = Authenticator.principal(ctx);
        Participant merchant = peere.findParticipants()
                .find(caller.mode(), caller.participantId())
                .orElseThrow(() -> new IllegalStateException("an authenticated merchant exists"));
        Invariants.check(merchant.profile() instanceof Profile.MerchantProfile, "a merchant key's owner is a merchant");
        Envelope.ok(
                ctx,
                "Merchant retrieved successfully",
                ParticipantJson.merchantProfile(merchant, (Profile.MerchantProfile) merchant.profile()));
    }
}
