package network.peere.webhook;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.WebhookSender;
import network.peere.core.ports.out.WebhookUrlPolicy;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a delivery with Jetty's {@link HttpClient} (about half the CPU per request of the JDK's, measured on the
 * webhook benchmark's receiver): the envelope as JSON (or a link callback as a form with the
 * merchant's {@code api-secret-key}), both signature schemes over the exact body, and {@code User-Agent:
 * Peere-Webhooks/1.0}. An envelope succeeds with any 2xx within {@code timeout} and its response body is discarded; a
 * link callback only with a 2xx whose body, read up to {@link #REPLY_BYTES_MAX} within the same {@code timeout}, is
 * {@code {"status":"success"}}. Redirects are not followed (a receiver moving must update its endpoint).
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpWebhookSender.class);
    public static final String USER_AGENT = "Peere-Webhooks/1.0";
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Well under {@code DeliverWebhooks.LEASE}, so a lease never ends while its attempt is in flight. */
    public static final Duration TIMEOUT_MAX = Duration.ofSeconds(60);
    /** A link callback's reply is read up to here and no further: an acknowledgement is a few bytes. */
    public static final int REPLY_BYTES_MAX = 16 * 1024;
    /** How much of an unacknowledging reply an attempt's error shows. */
    static final int REPLY_EXCERPT_MAX = 100;
    /**
     * Connections kept to one receiver in one mode (each mode has its own), at most; more sends to it wait in the
     * client's queue (within their timeout).
     */
    static final int CONNECTIONS_PER_RECEIVER_MAX = 256;

    private final HttpClient client;
    private final Duration timeout;
    private final WebhookUrlPolicy urls;

    public HttpWebhookSender(Duration timeout, WebhookUrlPolicy urls) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("the webhook timeout must be > 0 and at most " + TIMEOUT_MAX);
        }
        this.timeout = timeout;
        this.urls = Objects.requireNonNull(urls, "urls");
        var threads = new QueuedThreadPool();
        threads.setName("peere-webhook-http");
        threads.setDaemon(true);
        this.client = new HttpClient();
        client.setExecutor(threads);
        var scheduler = new ScheduledExecutorScheduler("peere-webhook-http-timeouts", true);
        client.setScheduler(scheduler);
        client.setSocketAddressResolver(new CheckedAddresses(
                new SocketAddressResolver.Async(threads, scheduler, timeout.toMillis()), this.urls));
        client.setConnectTimeout(timeout.toMillis());
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(CONNECTIONS_PER_RECEIVER_MAX);
        client.setMaxRequestsQueuedPerDestination(16 * CONNECTIONS_PER_RECEIVER_MAX);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        // Said outright rather than left to the library's defaults: the JDK's trust store, and the certificate must
        // name the host (what the JDK's client did).
        var tls = new SslContextFactory.Client(false);
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSslContextFactory(tls);
        // No cookie jar: a receiver's Set-Cookie must never ride along on another participant's deliveries.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook HTTP client did not start", e);
        }
        // No Accept-Encoding and no decompression (a gzip bomb would burn a thread until the timeout), and a 401 is an
        // answer like any other rather than an authentication challenge to buffer: as the JDK's client did. Done after
        // start, which fills the decoders in when none are set.
        client.getContentDecoderFactories().clear();
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
    }

    @Override
    public Result send(Outgoing delivery) {
        long started = System.nanoTime();
        if (urls.check(delivery.mode(), delivery.url()) instanceof WebhookUrlPolicy.Verdict.Refused refused) {
            return new Result.Unreachable("URL not allowed: " + refused.why(), Duration.ZERO);
        }
        byte[] body = WebhookBody.of(delivery);
        long timestamp = delivery.timestamp().getEpochSecond();
        Request request;
        try {
            request = client.newRequest(delivery.url());
        } catch (IllegalArgumentException e) {
            return new Result.Unreachable("invalid request: " + e.getMessage(), since(started));
        }
        // The tag keeps each mode's connections apart and tells the resolver whose policy a new connection follows.
        request.tag(delivery.mode());
        request.method("POST").body(new BytesRequestContent(WebhookBody.contentType(delivery.format()), body));
        request.headers(headers -> {
            headers.put("X-Peere-Signature", WebhookSignatures.peere(delivery.peereSecret(), body));
            headers.put("webhook-id", delivery.batchId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put(
                    "webhook-signature",
                    WebhookSignatures.standard(delivery.standardSecrets(), delivery.batchId(), timestamp, body));
            if (delivery.format() instanceof Format.LinkCallback callback) {
                headers.put("api-secret-key", callback.callbackKey().reveal());
            }
        });
        return switch (delivery.format()) {
            case Format.Envelope envelope -> envelope(request, started);
            case Format.LinkCallback callback -> linkCallback(request, started);
        };
    }

    /**
     * Resolves a host for a new connection and lets it go only to addresses the policy allows for the mode its requests
     * are tagged with: the check before the send resolved the host too, but a DNS answer may change in between. A
     * connection without a mode is refused.
     */
    private record CheckedAddresses(SocketAddressResolver resolver, WebhookUrlPolicy urls)
            implements SocketAddressResolver {
        @Override
        public void resolve(
                String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            Mode mode = context.get(Destination.CONTEXT_KEY) instanceof Destination destination
                            && destination.getOrigin().getTag() instanceof Mode tagged
                    ? tagged
                    : null;
            resolver.resolve(host, port, context, new Promise<>() {
                @Override
                public void succeeded(List<InetSocketAddress> addresses) {
                    if (mode == null) {
                        promise.failed(new IllegalStateException("a webhook connection without a mode; not connected"));
                        return;
                    }
                    Optional<InetSocketAddress> refused = addresses.stream()
                            .filter(a -> a.getAddress() == null || !urls.connectsTo(mode, a.getAddress()))
                            .findFirst();
                    if (refused.isEmpty()) {
                        promise.succeeded(addresses);
                    } else {
                        InetSocketAddress address = refused.get();
                        // The address is for the operator's log only: shown to the participant in the attempt's
                        // error, it would map the operator's own network through their DNS.
                        LOG.warn(
                                "a {} webhook host {} resolved to the non-public address {}; not connected",
                                mode,
                                host,
                                address.getAddress() == null
                                        ? address.getHostString()
                                        : address.getAddress().getHostAddress());
                        promise.failed(new UnknownHostException(
                                host + " resolves to a loopback, private or link-local address; not connected"));
                    }
                }

                @Override
                public void failed(Throwable failure) {
                    promise.failed(failure);
                }
            });
        }
    }

    /** Any 2xx acknowledges; the body is not needed but still read (and discarded) within the timeout. */
    private Result envelope(Request request, long started) {
        return exchange(
                request,
                0,
                started,
                (reply, latency) -> success(reply.status())
                        ? new Result.Accepted(reply.status(), latency)
                        : notSuccess(reply, latency));
    }

    /**
     * The reply decides, so it is read, but only its first {@link #REPLY_BYTES_MAX} bytes and only within {@code
     * timeout} from the start.
     */
    private Result linkCallback(Request request, long started) {
        return exchange(request, REPLY_BYTES_MAX, started, (reply, latency) -> {
            if (!success(reply.status())) {
                return notSuccess(reply, latency);
            }
            String text = new String(reply.body(), StandardCharsets.UTF_8);
            if (acknowledges(text)) {
                return new Result.Accepted(reply.status(), latency);
            }
            return new Result.Unacknowledged(reply.status(), latency, unacknowledged(text, reply.capped()));
        });
    }

    /** What came back: the status, the headers, the first bytes of a 2xx body kept, and whether it went on past them. */
    private record Reply(int status, HttpFields headers, byte[] body, boolean capped) {}

    /** Ends a reply's reading once its kept bytes are full: the rest is never read. */
    private static final class ReplyCapped extends RuntimeException {
        ReplyCapped() {
            super("reply read up to its cap", null, false, false);
        }
    }

    /**
     * One exchange, headers and body, within {@code timeout} from the start (the request's total timeout, and the
     * wait for it bounded too): a receiver that answers its headers and then trickles a body never holds a sender past
     * it. Of a 2xx body the first {@code keep} bytes are kept and the reading stops there; anything else is read and
     * dropped.
     */
    private Result exchange(Request request, int keep, long started, BiFunction<Reply, Duration, Result> judge) {
        var kept = new ByteArrayOutputStream();
        var done = new CompletableFuture<Reply>();
        request.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .onResponseContent((response, chunk) -> keepUpTo(keep, kept, response, chunk))
                .send(result -> {
                    Response response = result.getResponse();
                    Throwable failure = result.getFailure();
                    if (failure == null || failure instanceof ReplyCapped) {
                        done.complete(new Reply(
                                response.getStatus(), response.getHeaders(), kept.toByteArray(), failure != null));
                    } else {
                        done.completeExceptionally(failure);
                    }
                });
        try {
            return judge.apply(done.get(timeout.toNanos(), TimeUnit.NANOSECONDS), since(started));
        } catch (TimeoutException e) {
            request.abort(e);
            return timedOut(started);
        } catch (ExecutionException e) {
            return unreachable(e.getCause(), started);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            return new Result.Unreachable("interrupted (server stopping)", since(started));
        }
    }

    private static void keepUpTo(int keep, ByteArrayOutputStream kept, Response response, ByteBuffer chunk) {
        if (keep == 0 || !success(response.getStatus())) {
            return;
        }
        int take = Math.min(chunk.remaining(), keep - kept.size());
        byte[] bytes = new byte[take];
        chunk.get(bytes);
        kept.writeBytes(bytes);
        if (kept.size() >= keep) {
            response.abort(new ReplyCapped());
        }
    }

    private static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    private static Result notSuccess(Reply reply, Duration latency) {
        if (reply.status() == 410) {
            return new Result.Gone(latency);
        }
        return new Result.Refused(reply.status(), latency, retryAfter(reply.headers(), Instant.now()));
    }

    private Result timedOut(long started) {
        return new Result.Unreachable("timed out after " + timeout.toMillis() + " ms", since(started));
    }

    /** Whatever ended the exchange early: the receiver's fault or the network's, never a reason to stop the worker. */
    private Result unreachable(Throwable failure, long started) {
        return switch (failure) {
            case TimeoutException e -> timedOut(started);
            case IllegalArgumentException e ->
                new Result.Unreachable("invalid request: " + e.getMessage(), since(started));
            case Exception e -> new Result.Unreachable(describe(e), since(started));
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
    static Optional<Duration> retryAfter(HttpFields headers, Instant now) {
        Optional<String> raw = Optional.ofNullable(headers.get("Retry-After")).map(String::trim);
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
        Instant base = Optional.ofNullable(headers.get("Date"))
                .flatMap(HttpWebhookSender::httpDate)
                .orElse(now);
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

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Stops the client's threads and closes its connections. */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook HTTP client did not stop", e);
        }
    }
}
