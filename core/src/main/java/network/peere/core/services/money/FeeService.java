package network.peere.core.services.money;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.money.ManageFees;
import network.peere.core.ports.out.FeeScheduleStore;
import network.peere.core.ports.out.PeereStores;

/** Fee schedules, and the one answer to "what does this merchant pay?": its own, else its provider's, else the network's. */
public final class FeeService implements ManageFees {
    public static final String SOURCE_MERCHANT = "merchant";
    public static final String SOURCE_PROVIDER = "provider";
    public static final String SOURCE_NETWORK = "network";

    private final PeereStores stores;

    public FeeService(PeereStores stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public Result<Optional<FeeSchedule>> set(Mode mode, String owner, Optional<FeeSchedule> schedule) {
        if (!owner.equals(FeeScheduleStore.NETWORK)) {
            Optional<Participant> participant = stores.participants().find(mode, new ParticipantId(owner));
            if (participant.isEmpty()
                    || (participant.get().role() != Role.MERCHANT
                            && participant.get().role() != Role.PROVIDER)) {
                return Result.refused(BillingProblem.MERCHANT_NOT_FOUND);
            }
        }
        return stores.transactor().inTransaction(() -> {
            if (schedule.isPresent()) {
                stores.feeSchedules().save(mode, owner, schedule.get());
            } else {
                stores.feeSchedules().remove(mode, owner);
            }
            return Result.ok(schedule);
        });
    }

    @Override
    public Optional<FeeSchedule> find(Mode mode, String owner) {
        return stores.feeSchedules().find(mode, owner);
    }

    @Override
    public Result<Effective> effective(Mode mode, ParticipantId merchantId) {
        return stores.participants()
                .find(mode, merchantId)
                .filter(p -> p.role() == Role.MERCHANT)
                .<Result<Effective>>map(merchant -> Result.ok(effectiveFor(merchant)))
                .orElseGet(() -> Result.refused(BillingProblem.MERCHANT_NOT_FOUND));
    }

    /** The merchant's schedule, its provider's, the network's set one, or {@link FeeSchedule#NETWORK_DEFAULT}. */
    public Effective effectiveFor(Participant merchant) {
        Mode mode = merchant.mode();
        String own = merchant.id().value();
        Optional<String> provider = merchant.profile() instanceof Profile.MerchantProfile profile
                ? profile.providerId().map(ParticipantId::value)
                : Optional.empty();
        List<String> owners = new ArrayList<>(List.of(own, FeeScheduleStore.NETWORK));
        provider.ifPresent(owners::add);
        Map<String, FeeSchedule> found = stores.feeSchedules().findAll(mode, owners);
        if (found.containsKey(own)) {
            return new Effective(found.get(own), SOURCE_MERCHANT);
        }
        if (provider.isPresent() && found.containsKey(provider.get())) {
            return new Effective(found.get(provider.get()), SOURCE_PROVIDER);
        }
        return new Effective(found.getOrDefault(FeeScheduleStore.NETWORK, FeeSchedule.NETWORK_DEFAULT), SOURCE_NETWORK);
    }
}
