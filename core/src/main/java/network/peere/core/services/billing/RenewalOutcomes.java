package network.peere.core.services.billing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.billing.Charge;

/**
 * How the renewal engine learns that a charge it submitted ended (confirmed, declined or expired): called in the
 * charge's own transaction, after its row lock, so a run's outcome commits with the answer or not at all.
 */
@FunctionalInterface
public interface RenewalOutcomes {
    RenewalOutcomes NONE = ended -> Optional.empty();

    /** @return the schedule the charge renewed (its webhooks name it); empty for any other charge */
    Optional<String> chargeEnded(Charge ended);

    /**
     * {@link #chargeEnded} for several charges that ended in one transaction.
     *
     * @return the schedule of each charge that renewed one, by the charge's id
     */
    default Map<String, String> chargesEnded(List<Charge> ended) {
        Map<String, String> schedules = new HashMap<>();
        for (Charge charge : ended) {
            chargeEnded(charge).ifPresent(schedule -> schedules.put(charge.id(), schedule));
        }
        return schedules;
    }
}
