package network.peere.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.ports.out.WebhookSender;
import network.peere.core.ports.out.WebhookUrlPolicy;

/**
 * Posts a delivery with {@link java.net.http.HttpClient}: the envelope as JSON, both signature schemes, and {@code
 * User-Agent: Peere-Webhooks/1.0}. Success is any 2xx within {@code timeout}; redirects are not followed (a receiver
 * moving must update its endpoint). The response body is discarded: receivers only answer with a status.
 */
public final class HttpWebhookSender implements WebhookSender {
    public static final String USER_AGENT = "Peere-Webhooks/1.0";
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Well under {@code DeliverWebhooks.LEASE}, so a lease never ends while its attempt is in flight. */
    public static final Duration TIMEOUT_MAX = Duration.ofSeconds(60);

    private final HttpClient client;
    private final Duration timeout;
    private final WebhookUrlPolicy urls;

    public HttpWebhookSender(Duration timeout, WebhookUrlPolicy urls) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("the webhook timeout must be > 0 and at most " + TIMEOUT_MAX);
        }
        this.timeout = timeout;
        this.urls = Objects.requireNonNull(urls, "urls");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Result send(Outgoing delivery) {
        long started = System.nanoTime();
        if (urls.check(delivery.mode(), delivery.url()) instanceof WebhookUrlPolicy.Verdict.Refused refused) {
            return new Result.Unreachable("URL not allowed: " + refused.why(), Duration.ZERO);
        }
        byte[] body = WebhookBody.of(delivery);
        long timestamp = delivery.timestamp().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(delivery.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-Peere-Signature", WebhookSignatures.peere(delivery.peereSecret(), body))
                .header("webhook-id", delivery.batchId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSignatures.standard(delivery.standardSecrets(), delivery.batchId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Result.Accepted(status, latency);
            }
            if (status == 410) {
                return new Result.Gone(latency);
            }
            return new Result.Refused(status, latency, retryAfter(response.headers(), Instant.now()));
        } catch (HttpTimeoutException e) {
            return new Result.Unreachable("timed out after " + timeout.toMillis() + " ms", since(started));
        } catch (IOException e) {
            return new Result.Unreachable(describe(e), since(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Unreachable("interrupted (server stopping)", since(started));
        } catch (IllegalArgumentException e) {
            return new Result.Unreachable("invalid request: " + e.getMessage(), since(started));
        }
    }

    /**
     * {@code Retry-After} as delta-seconds or an HTTP date (against the response's {@code Date}, else {@code now});
     * anything unreadable, negative or in the past is ignored, as if the receiver had sent none.
     */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> raw = headers.firstValue("Retry-After").map(String::trim);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!raw.get().isEmpty() && raw.get().chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(raw.get())));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        Optional<Instant> at = httpDate(raw.get());
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Instant base =
                headers.firstValue("Date").flatMap(HttpWebhookSender::httpDate).orElse(now);
        Duration wait = Duration.between(base, at.get());
        return wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
