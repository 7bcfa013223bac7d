package network.peere.core.ports.in.link;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.identity.LookUpCustomer;

/**
 * The hosted pay page's use cases, open to anyone holding a link's address (no API key): read the link, find the
 * customer's banks, pay (a billing intent to the chosen bank on the merchant's behalf; on approval, a schedule that
 * charges the first period at once), and follow the payment. A link id alone names the link in either mode. No phrase
 * or customer id leaves the server: the page names a bank, and the server looks the customer up again.
 */
public interface PayLinks {
    Result<PayPage> page(String linkId);

    /**
     * The banks where the person is a customer, with masked account names. A link made for one customer e-mail
     * accepts only that e-mail ({@code invalid_identity} otherwise).
     */
    Result<List<BankOption>> banks(String linkId, Identity identity);

    /**
     * Starts paying at the chosen bank. Paying again while the same customer's payment holds the link returns that
     * payment (a reload or double click changes nothing). Another customer gets {@code payment_link_busy} while that
     * payment waits for its bank (after {@link LinkPayment#WAIT_HOLD} it is withdrawn and the newcomer takes the link),
     * and {@code payment_link_already_paid} once it is paid, charging or subscribed.
     */
    Result<LinkPayment> pay(String linkId, Identity identity, ParticipantId bankId);

    Result<PaymentState> payment(String linkId, String paymentId);

    /** The customer's e-mail or E.164 phone number. */
    record Identity(LookUpCustomer.Kind kind, String value) {
        public Identity {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
            if (kind == LookUpCustomer.Kind.DEVICE) {
                throw new IllegalArgumentException("the pay page identifies by e-mail or phone");
            }
        }
    }

    /**
     * What the page shows; {@code payable} is false when the link is inactive or a payment holds it beyond waiting
     * for its bank (paid, being charged, subscribed). While one waits, the page stays open so its payer can reload.
     */
    record PayPage(PaymentLink link, String merchantName, boolean payable) {
        public PayPage {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(merchantName, "merchantName");
        }
    }

    record BankOption(ParticipantId bankId, String bankName, String accountName) {
        public BankOption {
            Objects.requireNonNull(bankId, "bankId");
            Objects.requireNonNull(bankName, "bankName");
            Objects.requireNonNull(accountName, "accountName");
        }
    }

    /** A payment and, while its schedule renews, when the next period is due. */
    record PaymentState(LinkPayment payment, Optional<Instant> nextDueAt) {
        public PaymentState {
            Objects.requireNonNull(payment, "payment");
            Objects.requireNonNull(nextDueAt, "nextDueAt");
        }
    }
}
