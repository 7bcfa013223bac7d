package network.peere.persistence.testing;

import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerDetails;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.identity.Gender;
import network.peere.core.domain.identity.PhoneNumber;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** Customers for tests, created at {@link TestParticipants#T0} unless moved with {@link #createdAt}. */
public final class TestCustomers {
    private TestCustomers() {}

    /** A customer with only the required fields; {@code n} makes its id, phrase and references unique. */
    public static Customer customer(Mode mode, String bankId, String n, String email) {
        return new Customer(
                new CustomerId("cus_" + n),
                mode,
                new ParticipantId(bankId),
                "phr_" + n,
                "client-" + n,
                "ref-" + n,
                new CustomerDetails(
                        "Adaeze",
                        Optional.empty(),
                        "Okafor",
                        "Adaeze Okafor",
                        "0123456789",
                        new Email(email),
                        Optional.empty(),
                        "NG",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                TestParticipants.T0,
                TestParticipants.T0,
                1);
    }

    /** Every optional field given, for round trips. */
    public static Customer customerWithEverything(Mode mode, String bankId, String n) {
        Customer base = customer(mode, bankId, n, "everything-" + n + "@example.com");
        return new Customer(
                base.id(),
                mode,
                base.bankId(),
                base.phrase(),
                base.clientRef(),
                base.reference(),
                new CustomerDetails(
                        "Chukwuemeka",
                        Optional.of("Ọlá"),
                        "Nwachukwu-Adébáyọ̀",
                        "Chukwuemeka O. Nwachukwu",
                        "GB29NWBK60161331926819",
                        base.details().email(),
                        Optional.of(new PhoneNumber("+2348012345678")),
                        "NG",
                        Optional.of("12 Marina Road, Lagos 🏙"),
                        Optional.of(Gender.OTHER),
                        Optional.of("https://cdn.example/p.png")),
                base.createdAt(),
                base.updatedAt(),
                1);
    }

    public static Customer createdAt(Customer c, Instant at) {
        return new Customer(
                c.id(),
                c.mode(),
                c.bankId(),
                c.phrase(),
                c.clientRef(),
                c.reference(),
                c.details(),
                at,
                at,
                c.version());
    }

    /** The same customer under another first name (and so account name), as a bank's change would leave it. */
    public static Customer renamed(Customer c, String firstname, Instant at) {
        CustomerDetails d = c.details();
        return c.withDetails(
                new CustomerDetails(
                        firstname,
                        d.middlename(),
                        d.lastname(),
                        firstname + " " + d.lastname(),
                        d.accountNumber(),
                        d.email(),
                        d.phone(),
                        d.country(),
                        d.address(),
                        d.gender(),
                        d.displayPicture()),
                at);
    }
}
