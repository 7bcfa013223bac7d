package network.peere.core.ports.out;

import java.net.InetAddress;
import java.net.URI;
import network.peere.core.domain.shared.Mode;

/**
 * Which URLs may receive webhooks in a mode. In live mode: https only, and no host that resolves to a loopback,
 * private or link-local address (so an endpoint cannot aim the server at its own network).
 */
@FunctionalInterface
public interface WebhookUrlPolicy {
    Verdict check(Mode mode, URI url);

    /**
     * Whether a delivery in {@code mode} may connect to {@code address}: asked again for every address a host resolves
     * to when a connection is opened, since a DNS answer can change between {@link #check} and the connection (DNS
     * rebinding). Any address by default: a policy that restricts addresses in {@link #check} must restrict them here
     * too, or the restriction holds only for the answer {@code check} saw.
     */
    default boolean connectsTo(Mode mode, InetAddress address) {
        return true;
    }

    sealed interface Verdict {
        record Allowed() implements Verdict {}

        record Refused(String why) implements Verdict {}
    }
}
