package network.peere.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.WebhookUrlPolicy;

/**
 * Live endpoints must be https and resolve only to public addresses (no loopback, private, link-local, unique-local,
 * multicast or wildcard), so a participant cannot aim the server at its own network. Modes named in {@code relaxed}
 * (sandbox by default, both in tests) also accept http and any address. Checked at registration, again before each
 * send, and for every address when the sender opens a connection ({@link #connectsTo}), because DNS answers change.
 */
public final class PublicUrlPolicy implements WebhookUrlPolicy {
    private final Set<Mode> relaxed;

    public PublicUrlPolicy(Set<Mode> relaxed) {
        this.relaxed = Set.copyOf(relaxed);
    }

    @Override
    public Verdict check(Mode mode, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || host.isEmpty() || url.getUserInfo() != null) {
            return new Verdict.Refused("the URL needs a host and no user information");
        }
        if (relaxed.contains(mode)) {
            return scheme.equals("https") || scheme.equals("http")
                    ? new Verdict.Allowed()
                    : new Verdict.Refused("the URL must be http or https");
        }
        if (!scheme.equals("https")) {
            return new Verdict.Refused("live endpoints must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Verdict.Refused("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return new Verdict.Refused("the host resolves to a loopback, private or link-local address");
            }
        }
        return new Verdict.Allowed();
    }

    @Override
    public boolean connectsTo(Mode mode, InetAddress address) {
        return relaxed.contains(mode) || isPublic(address);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return (raw[0] & 0xfe) != 0xfc; // fc00::/7, IPv6 unique local addresses
        }
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 are not reachable public hosts either.
        return !((raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64) && raw[0] != 0;
    }
}
