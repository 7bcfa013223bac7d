package network.peere.core.services.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.FindBankCustomers;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.identity.ResolvePhrase;
import network.peere.core.ports.in.identity.UpdateCustomer;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.audit.AuditTrail;

/** Banks migrate, read and change their customers. A bank only ever sees its own. */
public final class CustomerService implements MigrateCustomers, FindBankCustomers, UpdateCustomer {
    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuditTrail audit;
    private final ResolvePhrase phrases;
    private final PublishEvents events;
    private final CustomerValidation validation = new CustomerValidation();

    public CustomerService(
            PeereStores stores,
            Clock clock,
            IdGenerator ids,
            AuditTrail audit,
            ResolvePhrase phrases,
            PublishEvents events) {
        this.events = java.util.Objects.requireNonNull(events, "events");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.phrases = Objects.requireNonNull(phrases, "phrases");
    }

    @Override
    public Migration migrate(MigrateCustomers.Command command) {
        // Validation needs no database: done before the transaction, it does not hold the bank's directory lock, so a
        // bank's concurrent batches validate side by side and only wait for each other's writes.
        int size = command.items().size();
        List<CustomerValidation.Result> results =
                size >= 1 && size <= BATCH_SIZE_MAX ? validation.newCustomers(command.items()) : List.of();
        return stores.transactor().inTransaction(() -> {
            // Held until commit: a concurrent batch of the same bank waits here, then sees our references. Taken before
            // the batch is checked (which writes nothing when it refuses), as the same round trip says it is a bank's.
            if (!stores.customers().lockDirectory(command.mode(), command.bankId())) {
                return new Migration.Rejected(MigrateCustomers.Rejection.BANK_NOT_FOUND);
            }
            if (command.items().isEmpty()) {
                return new Migration.Rejected(MigrateCustomers.Rejection.BATCH_EMPTY);
            }
            if (command.items().size() > BATCH_SIZE_MAX) {
                return new Migration.Rejected(MigrateCustomers.Rejection.BATCH_TOO_LARGE);
            }
            return new Migration.Processed(process(command, results));
        });
    }

    private CustomerBatch process(MigrateCustomers.Command command, List<CustomerValidation.Result> results) {
        var now = clock.now();
        // Most batches bring only new customers: insert first, and look for known references only when a key turns
        // out to be taken. A batch that repeats a reference within itself takes the checked path straight away, so an
        // item is never reported as a duplicate of its neighbour when the bank already had its reference.
        Map<Integer, Customer> drafted = new HashMap<>();
        Outcome fresh = outcome(command, results, new HashMap<>(), new HashMap<>(), drafted, now);
        Outcome outcome;
        if (!fresh.hasDuplicates() && stores.customers().insertAllIfNew(fresh.created())) {
            outcome = fresh;
        } else {
            outcome = checked(command, results, drafted, now);
            if (!outcome.created().isEmpty()) {
                stores.customers().insertAll(outcome.created());
            }
        }
        var batch = new CustomerBatch(
                ids.newId(CustomerBatch.ID_PREFIX), command.mode(), command.bankId(), outcome.items(), now);
        // The event first (the bank's endpoints are read), so that the batch's event count, its event and its row,
        // which need no answer, go to the database together, with the commit on MariaDB.
        announceBatchCompleted(batch);
        stores.customerBatches().insert(batch);
        return batch;
    }

    /** What the batch creates and what it answers per item, in request order. */
    private record Outcome(List<Customer> created, List<BatchItem> items) {
        boolean hasDuplicates() {
            return items.stream().anyMatch(item -> item instanceof BatchItem.Duplicate);
        }
    }

    /** The batch against the customers the bank already has with any of its references. */
    private Outcome checked(
            MigrateCustomers.Command command,
            List<CustomerValidation.Result> results,
            Map<Integer, Customer> drafted,
            Instant now) {
        List<String> references = new ArrayList<>();
        List<String> clientRefs = new ArrayList<>();
        for (var result : results) {
            if (result instanceof CustomerValidation.Result.Valid valid) {
                references.add(valid.reference());
                clientRefs.add(valid.clientRef());
            }
        }
        Map<String, CustomerId> byReference = new HashMap<>();
        Map<String, CustomerId> byClientRef = new HashMap<>();
        if (!references.isEmpty()) {
            for (Customer known :
                    stores.customers().findByRefs(command.mode(), command.bankId(), references, clientRefs)) {
                byReference.put(known.reference(), known.id());
                byClientRef.put(known.clientRef(), known.id());
            }
        }
        return outcome(command, results, byReference, byClientRef, drafted, now);
    }

    /**
     * {@code byReference} and {@code byClientRef} start with the known customers and grow with those created here; a
     * customer drafted for an item in an earlier attempt keeps its ids.
     */
    private Outcome outcome(
            MigrateCustomers.Command command,
            List<CustomerValidation.Result> results,
            Map<String, CustomerId> byReference,
            Map<String, CustomerId> byClientRef,
            Map<Integer, Customer> drafted,
            Instant now) {
        List<Customer> created = new ArrayList<>();
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CustomerDraft draft = command.items().get(i);
            Optional<String> reference = Optional.ofNullable(draft.values().get(CustomerDraft.REFERENCE));
            Optional<String> clientRef = Optional.ofNullable(draft.values().get(CustomerDraft.CLIENT_REF));
            switch (results.get(i)) {
                case CustomerValidation.Result.Invalid invalid ->
                    items.add(new BatchItem.Invalid(i, reference, clientRef, invalid.problems()));
                case CustomerValidation.Result.Valid valid -> {
                    // A known reference (from earlier, or earlier in this batch) is a duplicate, never a second
                    // customer.
                    if (byReference.containsKey(valid.reference())) {
                        items.add(new BatchItem.Duplicate(
                                i, reference, clientRef, byReference.get(valid.reference()), CustomerDraft.REFERENCE));
                    } else if (byClientRef.containsKey(valid.clientRef())) {
                        items.add(new BatchItem.Duplicate(
                                i, reference, clientRef, byClientRef.get(valid.clientRef()), CustomerDraft.CLIENT_REF));
                    } else {
                        var customer = drafted.computeIfAbsent(
                                i,
                                index -> new Customer(
                                        new CustomerId(ids.newId(CustomerId.PREFIX)),
                                        command.mode(),
                                        command.bankId(),
                                        ids.newId(Customer.PHRASE_PREFIX),
                                        valid.clientRef(),
                                        valid.reference(),
                                        valid.details(),
                                        now,
                                        now,
                                        1));
                        created.add(customer);
                        byReference.put(customer.reference(), customer.id());
                        byClientRef.put(customer.clientRef(), customer.id());
                        items.add(new BatchItem.Created(i, reference, clientRef, customer.id(), customer.phrase()));
                    }
                }
            }
        }
        return new Outcome(created, items);
    }

    /**
     * In the batch's transaction, so the bank hears of it exactly when the batch commits; the first event about the
     * batch, whose id is new.
     */
    private void announceBatchCompleted(CustomerBatch batch) {
        var summary = batch.summary();
        Invariants.check(summary.total() == batch.items().size(), "the summary counts every item");
        events.publishFirst(
                batch.mode(),
                batch.bankId(),
                EventType.CUSTOMERS_BATCH_COMPLETED,
                batch.id(),
                java.util.Map.of(
                        "batchId",
                        batch.id(),
                        "status",
                        "completed",
                        "summary",
                        java.util.Map.of(
                                "total", summary.total(),
                                "successful", summary.successful(),
                                "failed", summary.failed(),
                                "duplicates", summary.duplicates(),
                                "invalidData", summary.invalidData()),
                        "processedAt",
                        batch.processedAt()));
    }

    @Override
    public Optional<CustomerBatch> batch(Mode mode, ParticipantId bankId, String batchId) {
        Optional<CustomerBatch> found = stores.customerBatches().find(mode, bankId, batchId);
        found.ifPresent(b -> Invariants.check(
                b.mode() == mode && b.bankId().equals(bankId), "a store returned another bank's batch"));
        return found;
    }

    @Override
    public Optional<Customer> find(Mode mode, ParticipantId bankId, CustomerId id) {
        return checked(mode, bankId, stores.customers().find(mode, bankId, id));
    }

    @Override
    public Optional<Customer> findByPhrase(Mode mode, ParticipantId bankId, String phrase) {
        return switch (phrases.forBank(mode, bankId, phrase)) {
            case ResolvePhrase.Resolution.Resolved resolved -> checked(mode, bankId, Optional.of(resolved.customer()));
            case ResolvePhrase.Resolution.Refused refused -> Optional.empty();
        };
    }

    @Override
    public Optional<Customer> findByEmail(Mode mode, ParticipantId bankId, Email email) {
        return list(mode, bankId, CustomerFilter.byEmail(email), new PageRequest(0, 1)).items().stream()
                .findFirst();
    }

    @Override
    public Page<Customer> list(Mode mode, ParticipantId bankId, CustomerFilter filter, PageRequest page) {
        Page<Customer> result = stores.customers().list(mode, bankId, filter, page);
        Invariants.check(
                result.items().stream()
                        .allMatch(c -> c.mode() == mode && c.bankId().equals(bankId) && filter.matches(c)),
                "a store returned a customer outside the bank, mode or filter");
        return result;
    }

    @Override
    public Update update(UpdateCustomer.Command command) {
        return stores.transactor().inTransaction(() -> {
            Optional<Customer> current =
                    stores.customers().find(command.mode(), command.bankId(), command.customerId());
            if (current.isEmpty()) {
                return new Update.Rejected(UpdateCustomer.Rejection.CUSTOMER_NOT_FOUND);
            }
            return switch (validation.changed(current.get(), command.changes())) {
                case CustomerValidation.Result.Invalid invalid -> new Update.Invalid(invalid.problems());
                case CustomerValidation.Result.Valid valid -> {
                    Customer changed = current.get().withDetails(valid.details(), clock.now());
                    if (!stores.customers().update(changed)) {
                        yield new Update.Rejected(UpdateCustomer.Rejection.CONCURRENT_CHANGE);
                    }
                    audit.record(
                            command.mode(),
                            command.actor(),
                            command.bankId(),
                            AuditAction.CUSTOMER_UPDATED,
                            Map.of(
                                    "customerId", changed.id().value(),
                                    "fields",
                                            String.join(
                                                    ",",
                                                    command.changes().values().keySet().stream()
                                                            .sorted()
                                                            .toList())));
                    yield new Update.Updated(changed);
                }
            };
        });
    }

    private static Optional<Customer> checked(Mode mode, ParticipantId bankId, Optional<Customer> found) {
        found.ifPresent(c -> Invariants.check(
                c.mode() == mode && c.bankId().equals(bankId), "a store returned another bank's customer"));
        return found;
    }
}
