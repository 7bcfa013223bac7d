package network.peere.http.support;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * Who a request comes from, for limits kept per client: the connection's peer, unless that peer is one of the
 * operator's trusted reverse proxies ({@code PEERE_TRUSTED_PROXIES}). Then it is the right-most address in {@code
 * X-Forwarded-For} that is not itself a trusted proxy: entries further left were written by the client and prove
 * nothing, so a client cannot choose its own bucket by sending the header.
 */
public final class ClientAddress {
    private final Set<String> trustedProxies;

    public ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
    }

    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /** The client behind {@code peer}, given the {@code X-Forwarded-For} it sent (or null). */
    public String of(String peer, String forwardedFor) {
        if (!trustedProxies.contains(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
