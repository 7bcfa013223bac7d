package network.peere.persistence.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.Identity;
import network.peere.core.domain.identity.ReachableCustomer;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.CustomerStore;

/** Customers in a map, behaving as the {@code customers} table does (its contract tests say how). */
final class InMemoryCustomerStore implements CustomerStore {
    private static final Comparator<Customer> NEWEST_FIRST = Comparator.comparing(Customer::createdAt)
            .thenComparing(customer -> customer.id().value())
            .reversed();

    private final InMemoryTransactor transactor;

    /** Where a device id is linked, at any bank of the mode: the device store answers. */
    private final BiFunction<Mode, DeviceId, List<Device>> linkedDevices;

    /** The bank, as the participants table has it: lookups reach only active banks' customers. */
    private final BiFunction<Mode, ParticipantId, Optional<Participant>> banks;

    /** Keyed by id, as the table's primary key is. Guarded by the transactor. */
    private final Map<CustomerId, Customer> rows = new HashMap<>();

    InMemoryCustomerStore(
            InMemoryTransactor transactor,
            BiFunction<Mode, DeviceId, List<Device>> linkedDevices,
            BiFunction<Mode, ParticipantId, Optional<Participant>> banks) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.linkedDevices = Objects.requireNonNull(linkedDevices, "linkedDevices");
        this.banks = Objects.requireNonNull(banks, "banks");
    }

    @Override
    public boolean lockDirectory(Mode mode, ParticipantId bankId) {
        // The transactor's one lock already serialises every transaction.
        return banks.apply(mode, bankId).filter(p -> p.role() == Role.BANK).isPresent();
    }

    @Override
    public void insertAll(List<Customer> customers) {
        transactor.useTransaction(() -> {
            for (Customer customer : customers) {
                Customer row = stored(customer);
                if (clashes(row)) {
                    throw new IllegalStateException("duplicate customer key for " + row.id());
                }
                rows.put(row.id(), row);
                transactor.onRollback(() -> rows.remove(row.id()));
            }
        });
    }

    /** As the table's one multi-row INSERT: a taken key fails the whole statement, and nothing of it stays. */
    @Override
    public boolean insertAllIfNew(List<Customer> customers) {
        return transactor.inTransaction(() -> {
            List<CustomerId> added = new ArrayList<>();
            for (Customer customer : customers) {
                Customer row = stored(customer);
                if (clashes(row)) {
                    added.forEach(rows::remove);
                    return false;
                }
                rows.put(row.id(), row);
                added.add(row.id());
            }
            added.forEach(id -> transactor.onRollback(() -> rows.remove(id)));
            return true;
        });
    }

    private boolean clashes(Customer row) {
        return rows.containsKey(row.id())
                || rows.values().stream()
                        .anyMatch(c -> c.mode() == row.mode()
                                && c.bankId().equals(row.bankId())
                                && (c.reference().equals(row.reference())
                                        || c.clientRef().equals(row.clientRef())
                                        || c.phrase().equals(row.phrase())));
    }

    @Override
    public boolean update(Customer changed) {
        Customer row = stored(changed);
        return transactor.inTransaction(() -> {
            Customer current = rows.get(row.id());
            boolean stillExpected = current != null
                    && current.mode() == row.mode()
                    && current.bankId().equals(row.bankId())
                    && current.version() == row.version() - 1;
            if (!stillExpected) {
                return false;
            }
            // Like the SQL update, which never touches identifiers or created_at.
            Customer next = new Customer(
                    current.id(),
                    current.mode(),
                    current.bankId(),
                    current.phrase(),
                    current.clientRef(),
                    current.reference(),
                    row.details(),
                    current.createdAt(),
                    row.updatedAt(),
                    row.version());
            rows.put(row.id(), next);
            transactor.onRollback(() -> rows.put(row.id(), current));
            return true;
        });
    }

    @Override
    public Optional<Customer> find(Mode mode, ParticipantId bankId, CustomerId id) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(id)).filter(c -> inBank(c, mode, bankId)));
    }

    @Override
    public Optional<Customer> findByPhrase(Mode mode, ParticipantId bankId, String phrase) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(c -> inBank(c, mode, bankId) && c.phrase().equals(phrase))
                .findFirst());
    }

    @Override
    public List<Customer> findByRefs(
            Mode mode, ParticipantId bankId, Collection<String> references, Collection<String> clientRefs) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(c -> inBank(c, mode, bankId)
                        && (references.contains(c.reference()) || clientRefs.contains(c.clientRef())))
                .toList());
    }

    @Override
    public Page<Customer> list(Mode mode, ParticipantId bankId, CustomerFilter filter, PageRequest page) {
        return transactor.inTransaction(() -> {
            List<Customer> matches = rows.values().stream()
                    .filter(c -> inBank(c, mode, bankId) && filter.matches(c))
                    .sorted(NEWEST_FIRST)
                    .toList();
            return new Page<>(
                    matches.stream().skip(page.offset()).limit(page.limit()).toList(), matches.size());
        });
    }

    @Override
    public List<ReachableCustomer> findByIdentity(Mode mode, Identity identity) {
        return transactor.inTransaction(() -> {
            List<Customer> found = switch (identity) {
                case Identity.ByEmail email ->
                    rows.values().stream()
                            .filter(c -> c.mode() == mode && c.details().email().equals(email.email()))
                            .toList();
                case Identity.ByPhone phone ->
                    rows.values().stream()
                            .filter(c -> c.mode() == mode && c.details().phone().equals(Optional.of(phone.phone())))
                            .toList();
                case Identity.ByDevice device ->
                    linkedDevices.apply(mode, device.deviceId()).stream()
                            .map(d -> rows.get(d.customerId()))
                            .filter(Objects::nonNull)
                            .toList();
            };
            return found.stream()
                    .flatMap(c -> banks
                            .apply(mode, c.bankId())
                            .filter(Participant::isActive)
                            .map(bank -> new ReachableCustomer(c, bank.name()))
                            .stream())
                    .toList();
        });
    }

    /** The customer's bank-side phrase, for the device list. */
    Optional<String> phraseOf(CustomerId id) {
        return Optional.ofNullable(rows.get(id)).map(Customer::phrase);
    }

    private static boolean inBank(Customer customer, Mode mode, ParticipantId bankId) {
        return customer.mode() == mode && customer.bankId().equals(bankId);
    }

    private static Customer stored(Customer c) {
        return new Customer(
                c.id(),
                c.mode(),
                c.bankId(),
                c.phrase(),
                c.clientRef(),
                c.reference(),
                c.details(),
                Micros.truncate(c.createdAt()),
                Micros.truncate(c.updatedAt()),
                c.version());
    }
}
