package network.peere.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.PaymentLink;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.link.PayLinks;
import org.junit.jupiter.api.Test;

/** What the merchant wrote reaches the page as text, never as markup; amounts keep the currency's decimals. */
class PayPageHtmlTest {
    private static final PayPageHtml.Assets ASSETS =
            new PayPageHtml.Assets("/pay/assets/pay.js?v=1", "/pay/assets/pay.css?v=1");

    @Test
    void escapes_the_merchant_name_and_description_in_text_and_attributes() {
        String html = PayPageHtml.payable(page("<img src=x onerror=alert(1)>", "\"Tom's\" <Gym>"), ASSETS);

        assertThat(html)
                .doesNotContain("<img src=x")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&quot;Tom&#39;s&quot; &lt;Gym&gt;");
    }

    @Test
    void the_page_has_no_inline_script_or_style_for_its_content_security_policy() {
        String html = PayPageHtml.payable(page("Gym", "Gym"), ASSETS);

        assertThat(html).doesNotContain("<script>").doesNotContain("<style").doesNotContain(" style=");
        assertThat(html).contains("<script src=\"/pay/assets/pay.js?v=1\" defer></script>");
    }

    @Test
    void amounts_are_grouped_with_the_currencys_own_decimals() {
        assertThat(PayPageHtml.amount(Money.of(250_000, "NGN"))).isEqualTo("2,500.00 NGN");
        assertThat(PayPageHtml.amount(Money.of(1_500, "JPY"))).isEqualTo("1,500 JPY");
        assertThat(PayPageHtml.amount(Money.of(1_234_567, "KWD"))).isEqualTo("1,234.567 KWD");
    }

    @Test
    void every_duration_reads_as_a_period() {
        assertThat(PayPageHtml.period(LinkDuration.MONTHLY)).isEqualTo("every month");
        assertThat(PayPageHtml.period(LinkDuration.QUARTERLY)).isEqualTo("every 3 months");
        assertThat(PayPageHtml.period(LinkDuration.HALF_YEARLY)).isEqualTo("every 6 months");
    }

    private static PayLinks.PayPage page(String merchant, String description) {
        var terms = new PaymentLink.Terms(
                Money.of(250_000, "NGN"),
                description,
                Optional.empty(),
                "secret-1",
                URI.create("https://shop.example/callback"),
                Optional.of(LinkDuration.MONTHLY),
                Optional.empty());
        var link = PaymentLink.create(
                "lnk_1", Mode.SANDBOX, new ParticipantId("mer_01JX3M8Q2V5T7K9N4P6R8S0W2Y"), terms, Instant.EPOCH);
        return new PayLinks.PayPage(link, merchant, true);
    }
}
