package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookSecret;
import network.peere.core.ports.out.WebhookSender.Format;
import network.peere.core.ports.out.WebhookSender.Outgoing;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {
    private static final WebhookSecret SECRET = WebhookSecret.generate(new byte[WebhookSecret.RANDOM_BYTES]);
    private static final String HEAD = "{\"entityId\":\"mer_1\",\"entityType\":\"merchant\",\"webhookType\":\"%s\","
            + "\"timestamp\":\"2026-11-23T08:00:00.000Z\",\"batchId\":\"whd_1\",";

    private static String body(EventType type, String... items) {
        var delivery = new Outgoing(
                "whd_1",
                URI.create("http://127.0.0.1:9/hooks"),
                Mode.SANDBOX,
                "mer_1",
                "merchant",
                type,
                Instant.parse("2026-11-23T08:00:00Z"),
                List.of(items),
                SECRET,
                List.of(SECRET),
                new Format.Envelope());
        return new String(WebhookBody.of(delivery), StandardCharsets.UTF_8);
    }

    private static String billed(String amount, String currency) {
        return "{\"reference\":\"txn_" + amount + "\",\"amount\":" + amount + ",\"currency\":\"" + currency
                + "\",\"customerAction\":\"accepted\"}";
    }

    @Test
    void a_billing_response_batch_adds_its_items_total_amount_in_their_major_units() {
        String first = billed("1500.50", "NGN");
        String second = billed("10.00", "NGN");

        assertThat(body(EventType.BILLING_RESPONSE, first, second))
                .isEqualTo(HEAD.formatted("billing.response") + "\"data\":[" + first + "," + second
                        + "],\"itemCount\":2,\"totalAmount\":1510.50}");
        assertThat(body(EventType.BILLING_RESPONSE, billed("1500", "JPY")))
                .endsWith("\"itemCount\":1,\"totalAmount\":1500}");
    }

    @Test
    void a_batch_in_more_than_one_currency_has_no_total() {
        assertThat(body(EventType.BILLING_RESPONSE, billed("1500.50", "NGN"), billed("10.00", "USD")))
                .endsWith("\"itemCount\":2,\"totalAmount\":null}");
    }

    @Test
    void other_events_have_no_total_amount() {
        String request = billed("1500.50", "NGN");

        assertThat(body(EventType.BILLING_REQUEST, request))
                .isEqualTo(HEAD.formatted("billing.request") + "\"data\":[" + request + "],\"itemCount\":1}");
    }
}
