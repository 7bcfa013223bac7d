package network.peere.core.services.billing;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.shared.Mode;

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
     * Which of these charges of {@code mode} a schedule's run submitted, in one read where the store allows: the charges whose end
     * {@link #chargeEnded} records something for. An engine that renews nothing ({@link #NONE}) names none; any
     * engine that does must say which.
     */
    default Set<String> renewals(Mode mode, Collection<String> chargeIds) {
        return Set.of();
    }
}
