package network.peere.persistence.jdbi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.DeviceQuery;
import network.peere.core.domain.identity.Identity;
import network.peere.core.domain.identity.ReachableCustomer;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.CustomerStore;
import network.peere.core.ports.out.DeviceStore;

/**
 * Lookups (identity → customers) are the network's hottest read, so their answers are kept in a bounded Caffeine cache
 * ({@link LookupCacheSettings}). Every write through these stores is one transaction or joins the caller's, and evicts
 * the identities it touches twice: at once, and again when its transaction ends (committed or rolled back), so a
 * lookup racing the write cannot keep the old answer. A changed customer's identities include its devices, whose
 * answers carry the customer's details: those are read once the transaction has ended, so a device linked by another
 * transaction that committed first is evicted too. Writes made by other server processes are not seen here: the
 * cache's short time to live bounds how long this process may answer from before them (a bank's new name or
 * suspension included). Bank-scoped reads are never cached.
 */
final class CachingCustomerDirectory {
    private record Key(Mode mode, Identity identity) {}

    private final Cache<Key, List<ReachableCustomer>> lookups;
    private final JdbiTransactor transactor;
    private final CustomerStore customers;
    private final DeviceStore devices;
    /** The device rows themselves, read to find a changed customer's devices. */
    private final DeviceStore deviceRows;

    CachingCustomerDirectory(
            JdbiTransactor transactor,
            CustomerStore customers,
            DeviceStore devices,
            LookupCacheSettings settings,
            Ticker ticker) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.lookups = Caffeine.newBuilder()
                .maximumSize(settings.entriesMax())
                .expireAfterWrite(settings.ttl())
                .ticker(ticker)
                .build();
        this.customers = new Customers(Objects.requireNonNull(customers, "customers"));
        this.deviceRows = Objects.requireNonNull(devices, "devices");
        this.devices = new Devices(deviceRows);
    }

    CustomerStore customers() {
        return customers;
    }

    DeviceStore devices() {
        return devices;
    }

    private void evict(Mode mode, Identity identity) {
        var key = new Key(mode, identity);
        lookups.invalidate(key);
        transactor.afterCompletion(() -> lookups.invalidate(key));
    }

    private void evictIdentitiesOf(Customer customer) {
        evict(customer.mode(), new Identity.ByEmail(customer.details().email()));
        customer.details().phone().ifPresent(phone -> evict(customer.mode(), new Identity.ByPhone(phone)));
    }

    /**
     * Read after the transaction ends, not in it: a link of this customer's device that commits (and evicts) while
     * this transaction runs may let a lookup cache the details this transaction replaces, and only a read after this
     * commit finds that device. The same one query as a read inside the transaction, on the connection just returned.
     */
    private void evictDevicesOf(Customer customer) {
        transactor.afterCompletion(() -> deviceRows
                .devicesOf(customer.mode(), customer.bankId(), customer.id())
                .forEach(device -> lookups.invalidate(new Key(customer.mode(), new Identity.ByDevice(device)))));
    }

    /** How many answers are cached, once pending evictions have run. For tests of the bound. */
    long lookupsCached() {
        lookups.cleanUp();
        return lookups.estimatedSize();
    }

    private final class Customers implements CustomerStore {
        private final CustomerStore delegate;

        Customers(CustomerStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean lockDirectory(Mode mode, ParticipantId bankId) {
            return delegate.lockDirectory(mode, bankId);
        }

        @Override
        public void insertAll(List<Customer> added) {
            transactor.useTransaction(() -> {
                // A new customer makes a cached "nobody" (or a shorter list) wrong.
                added.forEach(CachingCustomerDirectory.this::evictIdentitiesOf);
                delegate.insertAll(added);
            });
        }

        @Override
        public boolean insertAllIfNew(List<Customer> added) {
            return transactor.inTransaction(() -> {
                added.forEach(CachingCustomerDirectory.this::evictIdentitiesOf);
                return delegate.insertAllIfNew(added);
            });
        }

        @Override
        public boolean update(Customer changed) {
            return transactor.inTransaction(() -> {
                delegate.find(changed.mode(), changed.bankId(), changed.id())
                        .ifPresent(CachingCustomerDirectory.this::evictIdentitiesOf);
                evictIdentitiesOf(changed);
                // A device's answer carries the customer's details too (names, account): it changes with them.
                evictDevicesOf(changed);
                return delegate.update(changed);
            });
        }

        @Override
        public Optional<Customer> find(Mode mode, ParticipantId bankId, CustomerId id) {
            return delegate.find(mode, bankId, id);
        }

        @Override
        public Optional<Customer> findByPhrase(Mode mode, ParticipantId bankId, String phrase) {
            return delegate.findByPhrase(mode, bankId, phrase);
        }

        @Override
        public List<Customer> findByRefs(
                Mode mode, ParticipantId bankId, Collection<String> references, Collection<String> clientRefs) {
            return delegate.findByRefs(mode, bankId, references, clientRefs);
        }

        @Override
        public Page<Customer> list(Mode mode, ParticipantId bankId, CustomerFilter filter, PageRequest page) {
            return delegate.list(mode, bankId, filter, page);
        }

        @Override
        public List<ReachableCustomer> findByIdentity(Mode mode, Identity identity) {
            if (transactor.isInTransaction()) {
                // Inside a transaction the answer may hold uncommitted rows: never share it.
                return delegate.findByIdentity(mode, identity);
            }
            return lookups.get(new Key(mode, identity), key -> delegate.findByIdentity(mode, identity));
        }
    }

    private final class Devices implements DeviceStore {
        private final DeviceStore delegate;

        Devices(DeviceStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void link(Device device) {
            transactor.useTransaction(() -> {
                evict(device.mode(), new Identity.ByDevice(device.deviceId()));
                delegate.link(device);
            });
        }

        @Override
        public boolean unlink(Mode mode, ParticipantId bankId, DeviceId deviceId, CustomerId customerId) {
            return transactor.inTransaction(() -> {
                evict(mode, new Identity.ByDevice(deviceId));
                return delegate.unlink(mode, bankId, deviceId, customerId);
            });
        }

        @Override
        public Optional<Device> find(Mode mode, ParticipantId bankId, DeviceId deviceId) {
            return delegate.find(mode, bankId, deviceId);
        }

        @Override
        public List<DeviceId> devicesOf(Mode mode, ParticipantId bankId, CustomerId customerId) {
            return delegate.devicesOf(mode, bankId, customerId);
        }

        @Override
        public Page<Device.Listed> list(Mode mode, ParticipantId bankId, DeviceQuery query, PageRequest page) {
            return delegate.list(mode, bankId, query, page);
        }
    }
}
