package network.peere.core.ports.in.billing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.agreement.limits.LimitStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/**
 * Reads of customer decisions (agreements): a merchant its own, a provider its merchants' (all of them, or the one
 * named by {@code entityId}), a bank its customers'. Another participant's agreement is not found, never forbidden.
 */
public interface FindAgreements {
    Result<Page<Agreement>> list(Caller caller, AgreementFilter filter, PageRequest page);

    /** For the merchant (or its provider) or the customer's bank. */
    Result<Agreement> find(Caller caller, String customerDecisionId);

    /** What remains of each limit in its current window and when the window resets; a read, nothing reserved. */
    Result<LimitReport> limits(Caller caller, String customerDecisionId);

    Result<Page<Agreement>> forCustomer(Principal bank, CustomerId customerId, PageRequest page);

    record LimitReport(Agreement agreement, List<LimitStatus> limits, Instant at) {
        public LimitReport {
            Objects.requireNonNull(agreement, "agreement");
            limits = List.copyOf(limits);
            Objects.requireNonNull(at, "at");
        }
    }
}
