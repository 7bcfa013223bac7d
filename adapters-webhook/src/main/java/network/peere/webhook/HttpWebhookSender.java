package network.peere.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.peere.core.ports.out.WebhookSender;
import network.peere.core.ports.out.WebhookUrlPolicy;

/**
 * Posts a delivery with {@link java.net.http.HttpClient}: the envelope as JSON (or a link callback as a form with the
 * merchant's {@code api-secret-key}), both signature schemes over the exact body, and {@code User-Agent:
 * Peere-Webhooks/1.0}. An envelope succeeds with any 2xx within {@code timeout} and its response body is discarded; a
 * link callback only with a 2xx whose body, read up to {@link #REPLY_BYTES_MAX} within the same {@code timeout}, is
 * {@code {"status":"success"}}. Redirects are not followed (a receiver moving must update its endpoint).
 */
public final class HttpWebhookSender implements WebhookSender {
    public static final String USER_AGENT = "Peere-Webhooks/1.0";
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Well under {@code DeliverWebhooks.LEASE}, so a lease never ends while its attempt is in flight. */
    public static final Duration TIMEOUT_MAX = Duration.ofSeconds(60);
    /** A link callback's reply is read up to here and no further: an acknowledgement is a few bytes. */
    public static final int REPLY_BYTES_MAX = 16 * 1024;
    /** How much of an unacknowledging reply an attempt's error shows. */
    static final int REPLY_EXCERPT_MAX = 100;

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
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.url())
                .timeout(timeout)
                .header("Content-Type", WebhookBody.contentType(delivery.format()))
                .header("User-Agent", USER_AGENT)
                .header("X-Peere-Signature", WebhookSignatures.peere(delivery.peereSecret(), body))
                .header("webhook-id", delivery.batchId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSignatures.standard(delivery.standardSecrets(), delivery.batchId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return switch (delivery.format()) {
            case Format.Envelope envelope -> envelope(request.build(), started);
            case Format.LinkCallback callback ->
                linkCallback(
                        request.header("api-secret-key", callback.callbackKey().reveal())
                                .build(),
                        started);
        };
    }

    /** Any 2xx acknowledges; the body is not needed but still read (and discarded) within the timeout. */
    private Result envelope(HttpRequest request, long started) {
        return exchange(request, HttpResponse.BodyHandlers.discarding(), started, (response, latency) -> {
            int status = response.statusCode();
            return success(status) ? new Result.Accepted(status, latency) : notSuccess(response, latency);
        });
    }

    /**
     * The reply decides, so it is read, but only its first {@link #REPLY_BYTES_MAX} bytes and only within {@code
     * timeout} from the start (the request's own timeout ends when the headers arrive, not the body).
     */
    private Result linkCallback(HttpRequest request, long started) {
        HttpResponse.BodyHandler<byte[]> capped = answer -> success(answer.statusCode())
                ? new CappedBody(REPLY_BYTES_MAX)
                : HttpResponse.BodySubscribers.replacing(new byte[0]);
        return exchange(request, capped, started, (response, latency) -> {
            int status = response.statusCode();
            if (!success(status)) {
                return notSuccess(response, latency);
            }
            String reply = new String(response.body(), StandardCharsets.UTF_8);
            if (acknowledges(reply)) {
                return new Result.Accepted(status, latency);
            }
            return new Result.Unacknowledged(
                    status, latency, unacknowledged(reply, response.body().length >= REPLY_BYTES_MAX));
        });
    }

    /**
     * One exchange, headers and body, within {@code timeout} from the start: a receiver that answers its headers and
     * then trickles a body never holds a sender past it.
     */
    private <T> Result exchange(
            HttpRequest request,
            HttpResponse.BodyHandler<T> body,
            long started,
            java.util.function.BiFunction<HttpResponse<T>, Duration, Result> judge) {
        CompletableFuture<HttpResponse<T>> pending;
        try {
            pending = client.sendAsync(request, body);
        } catch (IllegalArgumentException e) {
            return unreachable(e, started);
        }
        try {
            HttpResponse<T> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return judge.apply(response, since(started));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Result.Unreachable("timed out after " + timeout.toMillis() + " ms", since(started));
        } catch (ExecutionException e) {
            return unreachable(e.getCause(), started);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Result.Unreachable("interrupted (server stopping)", since(started));
        }
    }

    private static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    private static Result notSuccess(HttpResponse<?> response, Duration latency) {
        if (response.statusCode() == 410) {
            return new Result.Gone(latency);
        }
        return new Result.Refused(response.statusCode(), latency, retryAfter(response.headers(), Instant.now()));
    }

    private Result unreachable(Throwable failure, long started) {
        return switch (failure) {
            case HttpTimeoutException e ->
                new Result.Unreachable("timed out after " + timeout.toMillis() + " ms", since(started));
            case IOException e -> new Result.Unreachable(describe(e), since(started));
            case IllegalArgumentException e ->
                new Result.Unreachable("invalid request: " + e.getMessage(), since(started));
            default -> throw new IllegalStateException("a webhook send failed unexpectedly", failure);
        };
    }

    /**
     * peerwallet-api.md §2.3: a JSON object whose one {@code status} member is the string {@code success} (any case,
     * whitespace around it ignored). A byte order mark before it is tolerated; the Content-Type is not checked.
     */
    static boolean acknowledges(String reply) {
        String json = reply.startsWith("\uFEFF") ? reply.substring(1) : reply;
        List<JsonMembers.Value> statuses = JsonMembers.of(json).orElse(List.of()).stream()
                .filter(member -> member.name().equals("status"))
                .map(JsonMembers.Member::value)
                .toList();
        return statuses.size() == 1
                && statuses.get(0) instanceof JsonMembers.Value.Text status
                && status.value().strip().equalsIgnoreCase("success");
    }

    /**
     * Short and safe to show in the deliveries list: the reply's start, without control or formatting characters, and
     * whether it was cut at the cap (a padded acknowledgement would otherwise read as a puzzle).
     */
    static String unacknowledged(String reply, boolean capped) {
        String shown = reply.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        String excerpt = shown.codePoints()
                .limit(REPLY_EXCERPT_MAX)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return "2xx without {\"status\":\"success\"}"
                + (capped ? " in its first " + REPLY_BYTES_MAX + " bytes" : "")
                + ": "
                + (excerpt.isEmpty() ? "(empty body)" : excerpt);
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

    /**
     * Keeps a reply's first {@code max} bytes and then cancels the rest, so a huge or endless reply costs no more than
     * that. Asks for one chunk at a time, so nothing beyond the cap is buffered for it.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> chunk) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : chunk) {
                int take = Math.min(buffer.remaining(), max - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.writeBytes(bytes);
            }
            if (kept.size() >= max) {
                subscription.cancel();
                body.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
