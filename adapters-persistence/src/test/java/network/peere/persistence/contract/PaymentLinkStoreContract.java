package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPayment;
import network.peere.core.domain.link.LinkPaymentStatus;
import network.peere.core.domain.link.LinkStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.ports.out.PaymentLinkStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PaymentLinkStore} does; one subclass per implementation. */
public abstract class PaymentLinkStoreContract {
    private static final ParticipantId MERCHANT = new ParticipantId("mer_links1");
    private static final ParticipantId OTHER = new ParticipantId("mer_links2");
    private static final Instant T0 = Instant.parse("2026-01-31T10:15:30.123456Z");

    private static final ParticipantId BANK = new ParticipantId("bank_links1");
    private static final SealedSecret FIRST_KEY = new SealedSecret("v1.first");

    private PeereStores stores;
    private PaymentLinkStore links;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        links = stores.paymentLinks();
    }

    private static PaymentLink link(String id, Mode mode, ParticipantId merchant, String secret, Instant at) {
        return PaymentLink.create(
                id,
                mode,
                merchant,
                new PaymentLink.Terms(
                        Money.of(1_250, "NGN"),
                        "Gym, monthly",
                        Optional.of("ada@example.com"),
                        secret,
                        URI.create("https://merchant.example/callback"),
                        Optional.of(LinkDuration.HALF_YEARLY),
                        Optional.of(new Metadata("{\"plan\":\"gold\"}"))),
                at);
    }

    @Test
    void a_link_reads_back_by_id_and_by_secret() {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s-1", T0);

        assertThat(links.insert(link)).isTrue();

        assertThat(links.find(LIVE, "lnk_1")).contains(link);
        assertThat(links.findBySecret(LIVE, MERCHANT, "s-1")).contains(link);
        assertThat(links.find(SANDBOX, "lnk_1")).isEmpty();
        assertThat(links.findBySecret(LIVE, OTHER, "s-1")).isEmpty();
    }

    @Test
    void a_one_off_link_without_options_reads_back() {
        PaymentLink link = PaymentLink.create(
                "lnk_2",
                LIVE,
                MERCHANT,
                new PaymentLink.Terms(
                        Money.of(5, "USD"),
                        "",
                        Optional.empty(),
                        "s",
                        URI.create("http://localhost:9/cb"),
                        Optional.empty(),
                        Optional.empty()),
                T0);
        links.insert(link);

        assertThat(links.find(LIVE, "lnk_2")).contains(link);
    }

    @Test
    void a_secret_is_unique_per_merchant_and_mode_only() {
        assertThat(links.insert(link("lnk_1", LIVE, MERCHANT, "same", T0))).isTrue();

        assertThat(links.insert(link("lnk_2", LIVE, MERCHANT, "same", T0))).isFalse();
        assertThat(links.insert(link("lnk_3", LIVE, OTHER, "same", T0))).isTrue();
        assertThat(links.insert(link("lnk_4", SANDBOX, MERCHANT, "same", T0))).isTrue();
        assertThat(links.find(LIVE, "lnk_2")).isEmpty();
    }

    @Test
    void an_update_needs_the_previous_version() {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s", T0);
        links.insert(link);
        PaymentLink inactive = link.deactivated(T0.plusSeconds(60));

        assertThat(links.update(inactive)).isTrue();
        assertThat(links.update(inactive)).isFalse();
        assertThat(links.find(LIVE, "lnk_1").orElseThrow().status()).isEqualTo(LinkStatus.INACTIVE);
        assertThat(links.find(LIVE, "lnk_1").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void a_merchants_list_is_newest_first_and_pages() {
        for (int i = 0; i < 5; i++) {
            links.insert(link("lnk_" + i, LIVE, MERCHANT, "s" + i, T0.plusSeconds(i)));
        }
        links.insert(link("lnk_x", LIVE, OTHER, "s", T0));

        var page = links.list(LIVE, MERCHANT, new PageRequest(1, 2));

        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(PaymentLink::id).containsExactly("lnk_3", "lnk_2");
    }

    @Test
    void the_first_callback_key_stays() {
        assertThat(links.callbackKey(LIVE, MERCHANT)).isEmpty();

        assertThat(links.insertCallbackKey(LIVE, MERCHANT, FIRST_KEY)).isTrue();
        assertThat(links.insertCallbackKey(LIVE, MERCHANT, new SealedSecret("v1.second")))
                .isFalse();

        assertThat(links.callbackKey(LIVE, MERCHANT)).contains(FIRST_KEY);
        assertThat(links.callbackKey(SANDBOX, MERCHANT)).isEmpty();
    }

    // ---- payments of links

    private static LinkPayment payment(String id, PaymentLink link, String customer, Instant at) {
        return LinkPayment.start(id, link, new LinkPayment.Payer(BANK, new CustomerId(customer)), "cd_" + id, at);
    }

    @Test
    void a_payment_reads_back_by_id_by_agreement_and_as_its_links_holder() {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s", T0);
        LinkPayment payment = payment("lpy_1", link, "cus_1", T0);

        assertThat(links.insertPayment(payment)).isTrue();

        assertThat(links.findPayment(LIVE, "lpy_1")).contains(payment);
        assertThat(links.paymentByAgreement(LIVE, "cd_lpy_1")).contains(payment);
        assertThat(links.holdingPayment(LIVE, "lnk_1")).contains(payment);
        assertThat(links.findPayment(SANDBOX, "lpy_1")).isEmpty();
        assertThat(links.paymentByAgreement(SANDBOX, "cd_lpy_1")).isEmpty();
        assertThat(links.paymentByAgreement(LIVE, "cd_other")).isEmpty();
        assertThat(links.holdingPayment(SANDBOX, "lnk_1")).isEmpty();
        assertThat(links.holdingPayment(LIVE, "lnk_other")).isEmpty();
    }

    @Test
    void a_payment_with_its_schedule_reason_and_last_payment_reads_back() {
        LinkPayment started = payment("lpy_1", link("lnk_1", LIVE, MERCHANT, "s", T0), "cus_1", T0);
        LinkPayment approved = started.approved("rsc_1", T0.plusSeconds(1));
        LinkPayment active = approved.periodPaid(true, T0.plusSeconds(2));
        LinkPayment ended = active.cancelled("agreement_revoked — Ọlá 🚫", T0.plusSeconds(3));

        assertThat(links.insertPayment(started)).isTrue();
        assertThat(links.updatePayment(approved)).isTrue();
        assertThat(links.updatePayment(active)).isTrue();
        assertThat(links.updatePayment(ended)).isTrue();

        assertThat(links.findPayment(LIVE, "lpy_1")).contains(ended);
        assertThat(links.paymentByAgreement(LIVE, "cd_lpy_1")).contains(ended);
        assertThat(ended.scheduleId()).contains("rsc_1");
        assertThat(ended.lastPaidAt()).contains(T0.plusSeconds(2));
        assertThat(ended.version()).isEqualTo(4);
    }

    @Test
    void a_payment_changes_only_from_the_version_it_was_read_at() {
        LinkPayment started = payment("lpy_1", link("lnk_1", LIVE, MERCHANT, "s", T0), "cus_1", T0);
        links.insertPayment(started);
        LinkPayment approved = started.approved("rsc_1", T0.plusSeconds(1));

        assertThat(links.updatePayment(approved)).isTrue();
        assertThat(links.updatePayment(approved)).isFalse();
        assertThat(links.updatePayment(started.declined("denied", T0.plusSeconds(2))))
                .isFalse();
        assertThat(links.updatePayment(new LinkPayment(
                        approved.id(),
                        SANDBOX,
                        approved.linkId(),
                        approved.merchantId(),
                        approved.bankId(),
                        approved.customerId(),
                        approved.agreementId(),
                        approved.scheduleId(),
                        LinkPaymentStatus.PAID,
                        Optional.empty(),
                        Optional.of(T0),
                        T0,
                        T0,
                        3)))
                .isFalse();
        assertThat(links.findPayment(LIVE, "lpy_1")).contains(approved);
    }

    @Test
    void while_one_payment_holds_a_link_no_other_starts_on_it() {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s", T0);
        LinkPayment first = payment("lpy_1", link, "cus_1", T0);
        links.insertPayment(first);

        assertThat(links.insertPayment(payment("lpy_2", link, "cus_2", T0.plusSeconds(1))))
                .isFalse();
        assertThat(links.insertPayment(payment("lpy_3", link("lnk_2", LIVE, MERCHANT, "s2", T0), "cus_2", T0)))
                .isTrue();
        assertThat(links.insertPayment(payment("lpy_4", link("lnk_1", SANDBOX, MERCHANT, "s", T0), "cus_2", T0)))
                .isTrue();
        assertThat(links.findPayment(LIVE, "lpy_2")).isEmpty();
        assertThat(links.holdingPayment(LIVE, "lnk_1")).contains(first);
    }

    @Test
    void a_processing_paid_or_active_payment_keeps_holding_its_link() {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s", T0);
        LinkPayment started = payment("lpy_1", link, "cus_1", T0);
        links.insertPayment(started);
        LinkPayment processing = started.approved("rsc_1", T0.plusSeconds(1));
        LinkPayment paid = processing.periodPaid(false, T0.plusSeconds(2));

        links.updatePayment(processing);
        assertThat(links.holdingPayment(LIVE, "lnk_1")).contains(processing);
        assertThat(links.insertPayment(payment("lpy_2", link, "cus_2", T0))).isFalse();

        links.updatePayment(paid);
        assertThat(links.holdingPayment(LIVE, "lnk_1")).contains(paid);
        assertThat(links.insertPayment(payment("lpy_3", link, "cus_2", T0))).isFalse();
    }

    @Test
    void a_declined_failed_or_cancelled_payment_frees_its_link_for_the_next() {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s", T0);
        LinkPayment declined = payment("lpy_1", link, "cus_1", T0);
        links.insertPayment(declined);
        links.updatePayment(declined.declined("denied", T0.plusSeconds(1)));
        assertThat(links.holdingPayment(LIVE, "lnk_1")).isEmpty();

        LinkPayment failed = payment("lpy_2", link, "cus_2", T0.plusSeconds(2));
        assertThat(links.insertPayment(failed)).isTrue();
        LinkPayment processing = failed.approved("rsc_2", T0.plusSeconds(3));
        links.updatePayment(processing);
        links.updatePayment(processing.failed("insufficient_funds", T0.plusSeconds(4)));
        assertThat(links.holdingPayment(LIVE, "lnk_1")).isEmpty();

        LinkPayment cancelled = payment("lpy_3", link, "cus_3", T0.plusSeconds(5));
        assertThat(links.insertPayment(cancelled)).isTrue();
        LinkPayment approved = cancelled.approved("rsc_3", T0.plusSeconds(6));
        links.updatePayment(approved);
        links.updatePayment(approved.cancelled("agreement_revoked", T0.plusSeconds(6)));
        assertThat(links.holdingPayment(LIVE, "lnk_1")).isEmpty();

        LinkPayment next = payment("lpy_4", link, "cus_4", T0.plusSeconds(7));
        assertThat(links.insertPayment(next)).isTrue();
        assertThat(links.holdingPayment(LIVE, "lnk_1")).contains(next);
    }

    @Test
    void a_links_payments_read_newest_first_up_to_the_limit() {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s", T0);
        for (int i = 0; i < 4; i++) {
            LinkPayment p = payment("lpy_" + i, link, "cus_" + i, T0.plusSeconds(i));
            assertThat(links.insertPayment(p)).isTrue();
            links.updatePayment(p.declined("denied", T0.plusSeconds(i)));
        }
        links.insertPayment(payment("lpy_x", link("lnk_2", LIVE, MERCHANT, "s2", T0), "cus_1", T0.plusSeconds(9)));
        links.insertPayment(payment("lpy_y", link("lnk_1", SANDBOX, MERCHANT, "s", T0), "cus_1", T0.plusSeconds(9)));

        assertThat(links.payments(LIVE, "lnk_1", 10))
                .extracting(LinkPayment::id)
                .containsExactly("lpy_3", "lpy_2", "lpy_1", "lpy_0");
        assertThat(links.payments(LIVE, "lnk_1", 2)).extracting(LinkPayment::id).containsExactly("lpy_3", "lpy_2");
        assertThat(links.payments(LIVE, "lnk_9", 10)).isEmpty();
    }

    @Test
    void customers_paying_one_link_at_once_start_exactly_one_payment() throws Exception {
        PaymentLink link = link("lnk_1", LIVE, MERCHANT, "s", T0);
        int customers = 8;
        CyclicBarrier start = new CyclicBarrier(customers);
        ExecutorService pool = Executors.newFixedThreadPool(customers);
        try {
            List<Future<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < customers; i++) {
                LinkPayment p = payment("lpy_" + i, link, "cus_" + i, T0);
                starts.add(pool.submit(() -> {
                    start.await();
                    try {
                        return stores.transactor().inTransaction(() -> links.insertPayment(p));
                    } catch (RuntimeException lockTimeoutOrDeadlock) {
                        // Also a lost start: the transaction rolled back and inserted nothing.
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> s : starts) {
                won += s.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        List<LinkPayment> stored = links.payments(LIVE, "lnk_1", customers);
        assertThat(stored).hasSize(1);
        assertThat(links.holdingPayment(LIVE, "lnk_1")).contains(stored.getFirst());
    }
}
