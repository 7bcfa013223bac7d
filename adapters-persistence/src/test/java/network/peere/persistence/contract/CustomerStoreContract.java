package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestCustomers.createdAt;
import static network.peere.persistence.testing.TestCustomers.customer;
import static network.peere.persistence.testing.TestCustomers.customerWithEverything;
import static network.peere.persistence.testing.TestCustomers.renamed;
import static network.peere.persistence.testing.TestParticipants.T0;
import static network.peere.persistence.testing.TestParticipants.bank;
import static network.peere.persistence.testing.TestParticipants.directMerchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerDetails;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.identity.Gender;
import network.peere.core.domain.identity.Identity;
import network.peere.core.domain.identity.PhoneNumber;
import network.peere.core.domain.identity.ReachableCustomer;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.CustomerStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CustomerStore} does; one subclass per implementation. */
public abstract class CustomerStoreContract {
    private static final ParticipantId BANK_A = new ParticipantId("bank_a");
    private static final ParticipantId BANK_B = new ParticipantId("bank_b");

    private PeereStores stores;
    private CustomerStore customers;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        customers = stores.customers();
        stores.participants().insert(bank(LIVE, "bank_a"));
        stores.participants().insert(bank(LIVE, "bank_b"));
    }

    /** The customers a lookup reaches, in any order. */
    private List<Customer> reach(Identity identity) {
        return customers.findByIdentity(LIVE, identity).stream()
                .map(ReachableCustomer::customer)
                .toList();
    }

    @Test
    void a_lookup_names_the_bank() {
        var atA = customer(LIVE, "bank_a", "1", "same@example.com");
        var atB = customer(LIVE, "bank_b", "2", "same@example.com");
        customers.insertAll(List.of(atA, atB));

        assertThat(customers.findByIdentity(LIVE, new Identity.ByEmail(new Email("same@example.com"))))
                .containsExactlyInAnyOrder(
                        new ReachableCustomer(atA, "Participant bank_a"),
                        new ReachableCustomer(atB, "Participant bank_b"));
    }

    /** A bank's suspension is seen by lookups after the lookup cache's short TTL at most; here, before any lookup. */
    @Test
    void a_lookup_skips_suspended_banks() {
        var atA = customer(LIVE, "bank_a", "1", "same@example.com");
        var atB = customer(LIVE, "bank_b", "2", "same@example.com");
        customers.insertAll(List.of(atA, atB));
        var bankB = stores.participants().find(LIVE, BANK_B).orElseThrow();
        stores.participants().update(bankB.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1)));

        assertThat(customers.findByIdentity(LIVE, new Identity.ByEmail(new Email("same@example.com"))))
                .containsExactly(new ReachableCustomer(atA, "Participant bank_a"));
    }

    @Test
    void finds_inserted_customers_with_every_field_by_id_and_phrase() {
        var full = customerWithEverything(LIVE, "bank_a", "1");
        var plain = customer(LIVE, "bank_a", "2", "plain@example.com");
        customers.insertAll(List.of(full, plain));

        assertThat(customers.find(LIVE, BANK_A, full.id())).contains(full);
        assertThat(customers.find(LIVE, BANK_A, plain.id())).contains(plain);
        assertThat(customers.findByPhrase(LIVE, BANK_A, full.phrase())).contains(full);
    }

    @Test
    void stores_optional_fields_whichever_of_them_the_batch_has() {
        var plain = customer(LIVE, "bank_a", "1", "plain@example.com");
        var alsoPlain = customer(LIVE, "bank_a", "2", "also-plain@example.com");
        var full = customerWithEverything(LIVE, "bank_a", "3");
        var onlyGender = withDetails(
                customer(LIVE, "bank_a", "4", "gender@example.com"),
                full.details().gender(),
                Optional.empty());
        var onlyPhone = withDetails(
                customer(LIVE, "bank_a", "5", "phone@example.com"),
                Optional.empty(),
                full.details().phone());
        customers.insertAll(List.of(plain, alsoPlain));
        assertThat(stores.transactor().inTransaction(() -> customers.insertAllIfNew(List.of(onlyGender, plain))))
                .isFalse();
        assertThat(stores.transactor().inTransaction(() -> customers.insertAllIfNew(List.of(onlyGender, onlyPhone))))
                .isTrue();
        customers.insertAll(List.of(full));

        for (var customer : List.of(plain, alsoPlain, full, onlyGender, onlyPhone)) {
            assertThat(customers.find(LIVE, BANK_A, customer.id())).contains(customer);
        }
    }

    private static Customer withDetails(Customer c, Optional<Gender> gender, Optional<PhoneNumber> phone) {
        var d = c.details();
        return new Customer(
                c.id(),
                c.mode(),
                c.bankId(),
                c.phrase(),
                c.clientRef(),
                c.reference(),
                new CustomerDetails(
                        d.firstname(),
                        d.middlename(),
                        d.lastname(),
                        d.accountName(),
                        d.accountNumber(),
                        d.email(),
                        phone,
                        d.country(),
                        d.address(),
                        gender,
                        d.displayPicture()),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    @Test
    void another_bank_or_mode_never_sees_a_customer() {
        var mine = customer(LIVE, "bank_a", "1", "a@example.com");
        customers.insertAll(List.of(mine));

        assertThat(customers.find(LIVE, BANK_B, mine.id())).isEmpty();
        assertThat(customers.find(SANDBOX, BANK_A, mine.id())).isEmpty();
        assertThat(customers.findByPhrase(LIVE, BANK_B, mine.phrase())).isEmpty();
        assertThat(customers
                        .list(LIVE, BANK_B, CustomerFilter.any(), PageRequest.first())
                        .total())
                .isZero();
        assertThat(customers.findByRefs(LIVE, BANK_B, List.of(mine.reference()), List.of()))
                .isEmpty();
    }

    @Test
    void a_reference_or_client_ref_is_unique_per_bank_but_not_across_banks() {
        customers.insertAll(List.of(customer(LIVE, "bank_a", "1", "a@example.com")));
        var sameRefOtherBank = new Customer(
                new network.peere.core.domain.identity.CustomerId("cus_other"),
                LIVE,
                BANK_B,
                "phr_other",
                "client-1",
                "ref-1",
                customer(LIVE, "bank_b", "x", "a@example.com").details(),
                T0,
                T0,
                1);
        customers.insertAll(List.of(sameRefOtherBank));
        var sameRefSameBank = new Customer(
                new network.peere.core.domain.identity.CustomerId("cus_again"),
                LIVE,
                BANK_A,
                "phr_again",
                "client-again",
                "ref-1",
                sameRefOtherBank.details(),
                T0,
                T0,
                1);

        assertThatThrownBy(
                        () -> stores.transactor().useTransaction(() -> customers.insertAll(List.of(sameRefSameBank))))
                .isInstanceOf(RuntimeException.class);
        assertThat(customers.find(LIVE, BANK_A, sameRefSameBank.id())).isEmpty();
    }

    @Test
    void locking_a_directory_says_whether_it_is_a_bank_s() {
        stores.participants().insert(directMerchant(LIVE, "mer_a"));

        assertThat(stores.transactor()
                        .inTransaction(() -> List.of(
                                customers.lockDirectory(LIVE, BANK_A),
                                customers.lockDirectory(SANDBOX, BANK_A),
                                customers.lockDirectory(LIVE, new ParticipantId("bank_unknown")),
                                customers.lockDirectory(LIVE, new ParticipantId("mer_a")))))
                .containsExactly(true, false, false, false);
    }

    @Test
    void inserts_new_customers_all_at_once_when_no_key_is_taken() {
        var known = customer(LIVE, "bank_a", "1", "a@example.com");
        customers.insertAll(List.of(known));
        var sameRefOtherBank = new Customer(
                new network.peere.core.domain.identity.CustomerId("cus_other"),
                LIVE,
                BANK_B,
                "phr_other",
                known.clientRef(),
                known.reference(),
                known.details(),
                T0,
                T0,
                1);
        var fresh = List.of(
                customer(LIVE, "bank_a", "2", "b@example.com"),
                customer(LIVE, "bank_a", "3", "c@example.com"),
                sameRefOtherBank);

        assertThat(stores.transactor().inTransaction(() -> customers.insertAllIfNew(fresh)))
                .isTrue();

        for (Customer customer : fresh) {
            assertThat(customers.find(LIVE, customer.bankId(), customer.id())).contains(customer);
        }
        assertThat(customers.insertAllIfNew(List.of())).isTrue();
    }

    @Test
    void inserts_none_of_them_when_one_key_is_taken_and_the_transaction_goes_on() {
        var known = customer(LIVE, "bank_a", "1", "a@example.com");
        customers.insertAll(List.of(known));
        var first = customer(LIVE, "bank_a", "2", "b@example.com");
        var knownReference = withRefs(customer(LIVE, "bank_a", "3", "c@example.com"), "client-new", "ref-1");
        var knownClientRef = withRefs(customer(LIVE, "bank_a", "4", "d@example.com"), "client-1", "ref-new");
        var identity = new Identity.ByEmail(new Email("b@example.com"));

        int n = 5;
        for (Customer taken : List.of(knownReference, knownClientRef)) {
            var later = customer(LIVE, "bank_a", String.valueOf(n++), "later" + n + "@example.com");
            boolean inserted = stores.transactor().inTransaction(() -> {
                assertThat(customers.lockDirectory(LIVE, BANK_A)).isTrue();
                boolean all = customers.insertAllIfNew(List.of(first, taken, later));
                // Nothing of the failed insert is seen, and the same transaction can still write.
                assertThat(customers.find(LIVE, BANK_A, first.id())).isEmpty();
                assertThat(reach(identity)).isEmpty();
                customers.insertAll(List.of(later));
                return all;
            });

            assertThat(inserted).isFalse();
            assertThat(customers.find(LIVE, BANK_A, first.id())).isEmpty();
            assertThat(customers.find(LIVE, BANK_A, taken.id())).isEmpty();
            assertThat(customers.find(LIVE, BANK_A, later.id())).contains(later);
            assertThat(reach(identity)).isEmpty();
        }
        assertThat(customers.findByRefs(
                        LIVE, BANK_A, List.of("ref-1", "ref-2", "ref-3", "ref-4", "ref-new"), List.of("client-new")))
                .containsExactly(known);
    }

    @Test
    void inserts_none_of_them_when_two_of_them_share_a_reference() {
        var first = customer(LIVE, "bank_a", "1", "a@example.com");
        var twin = withRefs(customer(LIVE, "bank_a", "2", "b@example.com"), "client-2", first.reference());

        assertThat(stores.transactor().inTransaction(() -> customers.insertAllIfNew(List.of(first, twin))))
                .isFalse();

        assertThat(customers.find(LIVE, BANK_A, first.id())).isEmpty();
        assertThat(customers.find(LIVE, BANK_A, twin.id())).isEmpty();
    }

    private static Customer withRefs(Customer c, String clientRef, String reference) {
        return new Customer(
                c.id(),
                c.mode(),
                c.bankId(),
                c.phrase(),
                clientRef,
                reference,
                c.details(),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    @Test
    void finds_known_customers_by_reference_or_client_ref() {
        var first = customer(LIVE, "bank_a", "1", "a@example.com");
        var second = customer(LIVE, "bank_a", "2", "b@example.com");
        var third = customer(LIVE, "bank_a", "3", "c@example.com");
        customers.insertAll(List.of(first, second, third));

        assertThat(customers.findByRefs(LIVE, BANK_A, List.of("ref-1", "ref-9"), List.of("client-2")))
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void lists_newest_first_with_filters_and_total() {
        var older = createdAt(customer(LIVE, "bank_a", "1", "same@example.com"), T0);
        var newer = createdAt(customer(LIVE, "bank_a", "2", "same@example.com"), T0.plusSeconds(5));
        var other = createdAt(customer(LIVE, "bank_a", "3", "other@example.com"), T0.plusSeconds(9));
        customers.insertAll(List.of(older, newer, other));

        var all = customers.list(LIVE, BANK_A, CustomerFilter.any(), new PageRequest(0, 2));
        assertThat(all.items()).containsExactly(other, newer);
        assertThat(all.total()).isEqualTo(3);
        assertThat(customers
                        .list(LIVE, BANK_A, CustomerFilter.byEmail(new Email("same@example.com")), PageRequest.first())
                        .items())
                .containsExactly(newer, older);
        var byIds = new CustomerFilter(
                List.of(older.id(), other.id()), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(customers.list(LIVE, BANK_A, byIds, PageRequest.first()).items())
                .containsExactly(other, older);
        var byPhraseAndRef = new CustomerFilter(
                List.of(),
                List.of(newer.phrase(), other.phrase()),
                Optional.empty(),
                Optional.of("ref-2"),
                Optional.empty());
        assertThat(customers
                        .list(LIVE, BANK_A, byPhraseAndRef, PageRequest.first())
                        .items())
                .containsExactly(newer);
        var byClientRef =
                new CustomerFilter(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.of("client-3"));
        assertThat(customers
                        .list(LIVE, BANK_A, byClientRef, PageRequest.first())
                        .items())
                .containsExactly(other);
        var byClientRefAndOtherRef = new CustomerFilter(
                List.of(), List.of(), Optional.empty(), Optional.of("ref-2"), Optional.of("client-3"));
        assertThat(customers
                        .list(LIVE, BANK_A, byClientRefAndOtherRef, PageRequest.first())
                        .total())
                .isZero();
        var pastTheEnd = customers.list(LIVE, BANK_A, CustomerFilter.any(), new PageRequest(10, 5));
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(3);
    }

    @Test
    void updates_details_under_an_optimistic_lock() {
        var original = customer(LIVE, "bank_a", "1", "a@example.com");
        customers.insertAll(List.of(original));
        var changed =
                original.withDetails(customerWithEverything(LIVE, "bank_a", "1").details(), T0.plusSeconds(1));

        assertThat(customers.update(changed)).isTrue();
        assertThat(customers.update(changed)).isFalse();
        assertThat(customers.find(LIVE, BANK_A, original.id())).contains(changed);
    }

    @Test
    void finds_a_person_at_every_bank_by_email_phone_or_device() {
        var atA = customerWithEverything(LIVE, "bank_a", "1");
        var atB = new Customer(
                new network.peere.core.domain.identity.CustomerId("cus_b1"),
                LIVE,
                BANK_B,
                "phr_b1",
                "client-b1",
                "ref-b1",
                atA.details(),
                T0,
                T0,
                1);
        var sandbox = customerWithEverything(SANDBOX, "bank_a", "9");
        customers.insertAll(List.of(atA, atB, sandbox));
        var device = new DeviceId("device_789");
        stores.devices().link(new Device(LIVE, BANK_A, device, atA.id(), T0));
        stores.devices().link(new Device(LIVE, BANK_B, device, atB.id(), T0));

        assertThat(reach(new Identity.ByEmail(atA.details().email()))).containsExactlyInAnyOrder(atA, atB);
        assertThat(reach(new Identity.ByPhone(new PhoneNumber("+2348012345678"))))
                .containsExactlyInAnyOrder(atA, atB);
        assertThat(reach(new Identity.ByDevice(device))).containsExactlyInAnyOrder(atA, atB);
        assertThat(reach(new Identity.ByEmail(new Email("nobody@example.com")))).isEmpty();
    }

    @Test
    void lookups_see_changes_at_once() {
        var customer = customer(LIVE, "bank_a", "1", "before@example.com");
        var before = new Identity.ByEmail(new Email("before@example.com"));
        var after = new Identity.ByEmail(new Email("after@example.com"));
        assertThat(reach(before)).isEmpty();
        customers.insertAll(List.of(customer));
        assertThat(reach(before)).containsExactly(customer);

        var moved = customer.withDetails(
                new network.peere.core.domain.identity.CustomerDetails(
                        "Adaeze",
                        Optional.empty(),
                        "Okafor",
                        "Adaeze Okafor",
                        "0123456789",
                        new Email("after@example.com"),
                        Optional.empty(),
                        "NG",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                T0.plusSeconds(1));
        customers.update(moved);

        assertThat(reach(before)).isEmpty();
        assertThat(reach(after)).containsExactly(moved);
        var device = new Identity.ByDevice(new DeviceId("d-1"));
        assertThat(reach(device)).isEmpty();
        stores.devices().link(new Device(LIVE, BANK_A, new DeviceId("d-1"), customer.id(), T0));
        assertThat(reach(device)).containsExactly(moved);
        stores.devices().unlink(LIVE, BANK_A, new DeviceId("d-1"), customer.id());
        assertThat(reach(device)).isEmpty();
    }

    @Test
    void a_device_lookup_sees_the_customers_new_details_at_once() {
        var customer = customer(LIVE, "bank_a", "1", "same@example.com");
        customers.insertAll(List.of(customer));
        stores.devices().link(new Device(LIVE, BANK_A, new DeviceId("d-1"), customer.id(), T0));
        var device = new Identity.ByDevice(new DeviceId("d-1"));
        assertThat(reach(device)).containsExactly(customer);

        // Only the names change: the e-mail and phone lookups' keys stay the same, the device's answer must not.
        var renamed = renamed(customer, "Chiamaka", T0.plusSeconds(1));
        assertThat(customers.update(renamed)).isTrue();

        assertThat(reach(device)).containsExactly(renamed);
    }

    @Test
    void an_insert_rolled_back_leaves_nothing_not_even_in_a_lookup() {
        var customer = customer(LIVE, "bank_a", "1", "a@example.com");
        var identity = new Identity.ByEmail(new Email("a@example.com"));
        assertThat(reach(identity)).isEmpty();
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    customers.lockDirectory(LIVE, BANK_A);
                    customers.insertAll(List.of(customer));
                    assertThat(reach(identity)).containsExactly(customer);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(customers.find(LIVE, BANK_A, customer.id())).isEmpty();
        assertThat(reach(identity)).isEmpty();
    }
}
