package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestCustomers.customer;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.DeviceQuery;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.DeviceStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DeviceStore} does; one subclass per implementation. */
public abstract class DeviceStoreContract {
    private static final ParticipantId BANK = new ParticipantId("bank_a");

    private PeereStores stores;
    private DeviceStore devices;
    private Customer ada;
    private Customer bola;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        devices = stores.devices();
        ada = customer(LIVE, "bank_a", "1", "ada@example.com");
        bola = customer(LIVE, "bank_a", "2", "bola@example.com");
        stores.customers().insertAll(List.of(ada, bola));
    }

    private Device link(String deviceId, Customer customer, int secondsAfterT0) {
        var device = new Device(LIVE, BANK, new DeviceId(deviceId), customer.id(), T0.plusSeconds(secondsAfterT0));
        devices.link(device);
        return device;
    }

    @Test
    void links_several_devices_to_a_customer_and_lists_them() {
        var phone = link("device_phone", ada, 0);
        link("device_laptop", ada, 1);

        assertThat(devices.find(LIVE, BANK, new DeviceId("device_phone"))).contains(phone);
        assertThat(devices.devicesOf(LIVE, BANK, ada.id())).hasSize(2);
        assertThat(devices.devicesOf(LIVE, BANK, ada.id()))
                .containsExactly(new DeviceId("device_laptop"), new DeviceId("device_phone"));
        assertThat(devices.devicesOf(LIVE, BANK, bola.id())).isEmpty();
        assertThat(devices.devicesOf(SANDBOX, BANK, ada.id())).isEmpty();
        assertThat(devices.find(SANDBOX, BANK, new DeviceId("device_phone"))).isEmpty();
        assertThat(devices.find(LIVE, new ParticipantId("bank_b"), new DeviceId("device_phone")))
                .isEmpty();
    }

    @Test
    void a_device_id_belongs_to_one_customer_per_bank() {
        link("device_1", ada, 0);

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> link("device_1", bola, 1)))
                .isInstanceOf(RuntimeException.class);
        assertThat(devices.find(LIVE, BANK, new DeviceId("device_1")).map(Device::customerId))
                .contains(ada.id());
    }

    @Test
    void unlinks_only_the_customer_s_own_device() {
        link("device_1", ada, 0);

        assertThat(devices.unlink(LIVE, BANK, new DeviceId("device_1"), bola.id()))
                .isFalse();
        assertThat(devices.unlink(LIVE, BANK, new DeviceId("device_1"), ada.id()))
                .isTrue();
        assertThat(devices.unlink(LIVE, BANK, new DeviceId("device_1"), ada.id()))
                .isFalse();
        assertThat(devices.find(LIVE, BANK, new DeviceId("device_1"))).isEmpty();
    }

    @Test
    void lists_with_search_sort_paging_and_the_customer_s_phrase() {
        var first = link("device_b", ada, 0);
        var second = link("device_a", bola, 1);
        var third = link("other_c", ada, 2);

        var newest = devices.list(LIVE, BANK, DeviceQuery.newestFirst(), new PageRequest(0, 2));
        assertThat(newest.items())
                .containsExactly(new Device.Listed(third, ada.phrase()), new Device.Listed(second, bola.phrase()));
        assertThat(newest.total()).isEqualTo(3);

        var byIdAsc = new DeviceQuery(Optional.empty(), DeviceQuery.SortBy.DEVICE_ID, DeviceQuery.SortOrder.ASC);
        assertThat(devices.list(LIVE, BANK, byIdAsc, PageRequest.first()).items().stream()
                        .map(l -> l.device().deviceId().value()))
                .containsExactly("device_a", "device_b", "other_c");

        var search = new DeviceQuery(Optional.of("device_"), DeviceQuery.SortBy.LINKED_AT, DeviceQuery.SortOrder.ASC);
        var found = devices.list(LIVE, BANK, search, PageRequest.first());
        assertThat(found.items().stream().map(Device.Listed::device)).containsExactly(first, second);
        assertThat(found.total()).isEqualTo(2);

        var wildcard = new DeviceQuery(Optional.of("%"), DeviceQuery.SortBy.LINKED_AT, DeviceQuery.SortOrder.ASC);
        assertThat(devices.list(LIVE, BANK, wildcard, PageRequest.first()).total())
                .isZero();
        var byCustomer = new DeviceQuery(
                Optional.of(bola.id().value()), DeviceQuery.SortBy.LINKED_AT, DeviceQuery.SortOrder.ASC);
        assertThat(devices.list(LIVE, BANK, byCustomer, PageRequest.first()).items().stream()
                        .map(Device.Listed::device))
                .containsExactly(second);
    }
}
