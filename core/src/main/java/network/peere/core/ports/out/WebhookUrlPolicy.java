package network.peere.core.ports.out;

import java.net.URI;
import network.peere.core.domain.shared.Mode;

/**
 * Which URLs may receive webhooks in a mode. In live mode: https only, and no host that resolves to a loopback,
 * private or link-local address (so an endpoint cannot aim the server at its own network).
 */
@FunctionalInterface
public interface WebhookUrlPolicy {
    Verdict check(Mode mode, URI url);

    sealed interface Verdict {
        record Allowed() implements Verdict {}

        record Refused(String why) implements Verdict {}
    }
}
