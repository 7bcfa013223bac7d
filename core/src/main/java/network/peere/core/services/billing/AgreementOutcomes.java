package network.peere.core.services.billing;

import java.util.Objects;
import network.peere.core.domain.agreement.Agreement;

/**
 * What else must happen when an agreement changes (a decision, a change, a revocation, an expiry): called in the
 * change's own transaction with the agreement's row locked, so the consequences commit with it or not at all. Schedules
 * end when their agreement is revoked; a payment link's payment starts charging when its intent is approved.
 */
@FunctionalInterface
public interface AgreementOutcomes {
    AgreementOutcomes NONE = changed -> {};

    void changed(Agreement changed);

    /** Set once after the services that listen exist (they need the billing services this one is part of). */
    final class Deferred implements AgreementOutcomes {
        private volatile AgreementOutcomes delegate = NONE;

        public void set(AgreementOutcomes listener) {
            this.delegate = Objects.requireNonNull(listener, "listener");
        }

        @Override
        public void changed(Agreement changed) {
            delegate.changed(changed);
        }
    }
}
