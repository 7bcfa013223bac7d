package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.WebhookUrlPolicy.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live endpoints: https to public addresses only; relaxed modes: http or https anywhere. IP literals: no DNS. */
class PublicUrlPolicyTest {
    private final PublicUrlPolicy sandboxRelaxed = new PublicUrlPolicy(Set.of(Mode.SANDBOX));

    private static boolean allowed(Verdict verdict) {
        return verdict instanceof Verdict.Allowed;
    }

    @Test
    void live_accepts_https_to_a_public_address() {
        assertThat(allowed(sandboxRelaxed.check(Mode.LIVE, URI.create("https://93.184.216.34/hooks"))))
                .isTrue();
        assertThat(allowed(sandboxRelaxed.check(Mode.LIVE, URI.create("https://[2606:4700::1111]/hooks"))))
                .isTrue();
    }

    @Test
    void live_refuses_plain_http_even_to_a_public_address() {
        assertThat(sandboxRelaxed.check(Mode.LIVE, URI.create("http://93.184.216.34/hooks")))
                .isEqualTo(new Verdict.Refused("live endpoints must use https"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hooks", // loopback
                "https://localhost/hooks", // resolves to loopback
                "https://[::1]/hooks",
                "https://10.1.2.3/hooks", // private
                "https://172.16.0.1/hooks",
                "https://192.168.1.10/hooks",
                "https://169.254.169.254/latest/meta-data", // link-local: cloud metadata
                "https://[fe80::1]/hooks",
                "https://[fd12:3456::1]/hooks", // unique local
                "https://0.0.0.0/hooks", // wildcard
                "https://100.64.0.1/hooks", // carrier-grade NAT
                "https://224.0.0.1/hooks", // multicast
                "https://[64:ff9b::a9fe:a9fe]/hooks", // NAT64 of 169.254.169.254
                "https://[64:ff9b::7f00:1]/hooks", // NAT64 of 127.0.0.1
                "https://[2002:c0a8:10a::1]/hooks", // 6to4 of 192.168.1.10
                "https://[::ffff:10.1.2.3]/hooks" // IPv4-mapped private address
            })
    void live_refuses_hosts_that_resolve_to_non_public_addresses(String url) {
        assertThat(sandboxRelaxed.check(Mode.LIVE, URI.create(url)))
                .isEqualTo(new Verdict.Refused("the host resolves to a loopback, private or link-local address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "2001:4860:4860::8888", "64:ff9b::808:808", "2002:808:808::1"})
    void public_addresses_and_ipv6_forms_of_public_ipv4_addresses_may_be_connected_to_in_live(String address)
            throws Exception {
        assertThat(sandboxRelaxed.connectsTo(Mode.LIVE, java.net.InetAddress.getByName(address)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.5",
                "::1",
                "64:ff9b::a00:5",
                "2002:a00:5::1",
                "fd00::1",
                "::a00:5", // IPv4-compatible form of 10.0.0.5
                "64:ff9b:1::808:808", // local-use NAT64
                "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
                "198.18.0.1",
                "240.0.0.1",
                "255.255.255.255"
            })
    void non_public_addresses_are_refused_for_live_connections_and_allowed_in_a_relaxed_mode(String address)
            throws Exception {
        var resolved = java.net.InetAddress.getByName(address);
        assertThat(sandboxRelaxed.connectsTo(Mode.LIVE, resolved)).isFalse();
        assertThat(sandboxRelaxed.connectsTo(Mode.SANDBOX, resolved)).isTrue();
    }

    @Test
    void live_refuses_a_host_that_does_not_resolve() {
        assertThat(sandboxRelaxed.check(Mode.LIVE, URI.create("https://no-such-host.invalid/hooks")))
                .isEqualTo(new Verdict.Refused("the host does not resolve"));
    }

    @Test
    void every_mode_refuses_user_information_and_missing_hosts() {
        for (Mode mode : Mode.values()) {
            assertThat(allowed(sandboxRelaxed.check(mode, URI.create("https://user:pw@93.184.216.34/"))))
                    .isFalse();
            assertThat(allowed(sandboxRelaxed.check(mode, URI.create("https:///hooks"))))
                    .isFalse();
        }
    }

    @Test
    void a_relaxed_mode_accepts_http_and_local_addresses_but_no_other_scheme() {
        assertThat(allowed(sandboxRelaxed.check(Mode.SANDBOX, URI.create("http://127.0.0.1:8080/hooks"))))
                .isTrue();
        assertThat(allowed(sandboxRelaxed.check(Mode.SANDBOX, URI.create("https://10.0.0.1/hooks"))))
                .isTrue();
        assertThat(sandboxRelaxed.check(Mode.SANDBOX, URI.create("ftp://127.0.0.1/hooks")))
                .isEqualTo(new Verdict.Refused("the URL must be http or https"));
    }

    @Test
    void with_no_relaxed_mode_sandbox_is_held_to_the_live_rules() {
        var strict = new PublicUrlPolicy(Set.of());
        assertThat(allowed(strict.check(Mode.SANDBOX, URI.create("http://127.0.0.1:8080/hooks"))))
                .isFalse();
        assertThat(allowed(strict.check(Mode.SANDBOX, URI.create("https://127.0.0.1/hooks"))))
                .isFalse();
    }

    @Test
    void relaxing_live_too_accepts_local_receivers_there_for_tests() {
        var relaxed = new PublicUrlPolicy(Set.of(Mode.SANDBOX, Mode.LIVE));
        assertThat(allowed(relaxed.check(Mode.LIVE, URI.create("http://127.0.0.1:8080/hooks"))))
                .isTrue();
    }
}
