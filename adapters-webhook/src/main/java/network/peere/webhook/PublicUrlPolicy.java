package network.peere.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.WebhookUrlPolicy;

/**
 * Live endpoints must be https and resolve only to public addresses (no loopback, private, link-local, unique-local,
 * multicast, wildcard or reserved, nor an IPv6 form of such an IPv4 address: mapped, compatible, NAT64 or 6to4, nor a
 * tunnel this check cannot see through: local-use NAT64, Teredo), so a participant cannot aim the server at its own network. Modes named in {@code relaxed}
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
            if (!connectsTo(mode, address)) {
                return new Verdict.Refused("the host resolves to a loopback, private or link-local address");
            }
        }
        return new Verdict.Allowed();
    }

    @Override
    public boolean connectsTo(Mode mode, InetAddress address) {
        return relaxed.contains(mode) || isPublic(address);
    }

    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] IPV4_COMPATIBLE = new byte[12];
    private static final byte[] SIX_TO_FOUR = {0x20, 0x02};
    private static final byte[] LOCAL_NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};
    private static final byte[] TEREDO = {0x20, 0x01, 0, 0};

    private static boolean startsWith(byte[] raw, byte[] prefix) {
        return Arrays.equals(raw, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static InetAddress ipv4(byte[] raw, int from) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(raw, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
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
            if ((raw[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7, IPv6 unique local addresses
            }
            // IPv6 forms that carry an IPv4 address reach that address: judge it instead.
            if (startsWith(raw, NAT64) || startsWith(raw, IPV4_COMPATIBLE)) {
                return isPublic(ipv4(raw, 12)); // 64:ff9b::/96, ::/96
            }
            if (startsWith(raw, SIX_TO_FOUR)) {
                return isPublic(ipv4(raw, 2)); // 2002::/16
            }
            // Local-use NAT64 (64:ff9b:1::/48) and Teredo (2001::/32) tunnel to addresses not judged here.
            return !startsWith(raw, LOCAL_NAT64) && !startsWith(raw, TEREDO);
        }
        // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 198.18.0.0/15 (benchmarking) and 240.0.0.0/4 (reserved, with
        // the broadcast address) are not reachable public hosts either.
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        return !(first == 100 && (second & 0xc0) == 64)
                && first != 0
                && !(first == 198 && (second & 0xfe) == 18)
                && first < 240;
    }
}
