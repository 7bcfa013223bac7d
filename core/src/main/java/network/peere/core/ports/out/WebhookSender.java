package network.peere.core.ports.out;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.WebhookSecret;

/** Sends one signed delivery over HTTP and says how the receiver answered; never throws for the receiver's faults. */
@FunctionalInterface
public interface WebhookSender {
    Result send(Outgoing delivery);

    /**
     * What to send: the envelope's members, the events' items in order, and the secrets to sign with: {@code
     * peereSecret} for {@code X-Peere-Signature}, every one of {@code standardSecrets} for {@code webhook-signature}.
     */
    record Outgoing(
            String batchId,
            URI url,
            Mode mode,
            String entityId,
            String entityType,
            EventType type,
            Instant timestamp,
            List<String> items,
            WebhookSecret peereSecret,
            List<WebhookSecret> standardSecrets,
            Format format) {
        public Outgoing {
            Objects.requireNonNull(batchId, "batchId");
            Objects.requireNonNull(url, "url");
            items = List.copyOf(items);
            standardSecrets = List.copyOf(standardSecrets);
            Objects.requireNonNull(format, "format");
            if (format instanceof Format.LinkCallback && items.size() != 1) {
                throw new IllegalArgumentException("a link callback carries exactly one event");
            }
        }
    }

    /** How the delivery is written and what counts as its acknowledgement. */
    sealed interface Format {
        /** The documented batched JSON envelope; any 2xx acknowledges it. */
        record Envelope() implements Format {}

        /**
         * A payment link's callback (peerwallet-api.md §2.3): the one item's members as {@code
         * application/x-www-form-urlencoded} fields (nested values as JSON text, nulls left out), the merchant's
         * callback key in the {@code api-secret-key} header, and acknowledged only by a 2xx whose JSON body has {@code
         * "status": "success"}.
         */
        record LinkCallback(WebhookSecret callbackKey) implements Format {
            public LinkCallback {
                Objects.requireNonNull(callbackKey, "callbackKey");
            }
        }
    }

    sealed interface Result {
        Duration latency();

        /** A 2xx within the timeout. */
        record Accepted(int statusCode, Duration latency) implements Result {}

        /**
         * A 2xx that does not acknowledge a link callback (no JSON body with {@code "status": "success"}); {@code
         * reason} says what came instead. Retried like a refusal.
         */
        record Unacknowledged(int statusCode, Duration latency, String reason) implements Result {}

        /** Any other status but 410; {@code retryAfter} from the receiver's {@code Retry-After}, when it sent one. */
        record Refused(int statusCode, Duration latency, Optional<Duration> retryAfter) implements Result {}

        /** 410: the receiver asks never to be called again. */
        record Gone(Duration latency) implements Result {}

        /** No answer: connection refused, timeout, TLS failure, or an address the URL policy refuses. */
        record Unreachable(String error, Duration latency) implements Result {}
    }
}
