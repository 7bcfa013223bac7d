package network.peere.core.services.billing;

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
}
