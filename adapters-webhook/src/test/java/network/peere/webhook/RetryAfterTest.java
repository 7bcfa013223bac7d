package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A receiver's {@code Retry-After}: delta-seconds or an HTTP date; anything else is as if absent. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private static Optional<Duration> retryAfter(String... nameValues) {
        HttpFields.Mutable headers = HttpFields.build();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return HttpWebhookSender.retryAfter(headers, NOW);
    }

    @Test
    void reads_delta_seconds() {
        assertThat(retryAfter("Retry-After", "120")).contains(Duration.ofSeconds(120));
        assertThat(retryAfter("Retry-After", " 0 ")).contains(Duration.ZERO);
    }

    @Test
    void reads_an_http_date_against_the_response_date() {
        assertThat(retryAfter("Retry-After", "Mon, 23 Nov 2026 09:00:00 GMT", "Date", "Mon, 23 Nov 2026 08:59:30 GMT"))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void reads_an_http_date_against_now_without_a_usable_date_header() {
        assertThat(retryAfter("Retry-After", "Mon, 23 Nov 2026 08:05:00 GMT")).contains(Duration.ofMinutes(5));
        assertThat(retryAfter("Retry-After", "Mon, 23 Nov 2026 08:05:00 GMT", "Date", "yesterday"))
                .contains(Duration.ofMinutes(5));
    }

    @Test
    void no_header_means_no_hint() {
        assertThat(retryAfter()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "soon",
                "-5",
                "1.5",
                "",
                "99999999999999999999999",
                "Mon, 23 Nov 2026 07:00:00 GMT", // in the past
                "2026-11-23T09:00:00Z" // not an HTTP date
            })
    void ignores_garbage_negative_and_past_values(String value) {
        assertThat(retryAfter("Retry-After", value)).isEmpty();
    }
}
