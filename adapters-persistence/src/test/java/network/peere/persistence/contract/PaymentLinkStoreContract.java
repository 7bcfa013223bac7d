package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkStatus;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.PaymentLinkStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PaymentLinkStore} does; one subclass per implementation. */
public abstract class PaymentLinkStoreContract {
    private static final ParticipantId MERCHANT = new ParticipantId("mer_links1");
    private static final ParticipantId OTHER = new ParticipantId("mer_links2");
    private static final Instant T0 = Instant.parse("2026-01-31T10:15:30.123456Z");

    private PaymentLinkStore links;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        links = freshStores().paymentLinks();
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

        assertThat(links.insertCallbackKey(LIVE, MERCHANT, "cbk_first")).isTrue();
        assertThat(links.insertCallbackKey(LIVE, MERCHANT, "cbk_second")).isFalse();

        assertThat(links.callbackKey(LIVE, MERCHANT)).contains("cbk_first");
        assertThat(links.callbackKey(SANDBOX, MERCHANT)).isEmpty();
    }
}
