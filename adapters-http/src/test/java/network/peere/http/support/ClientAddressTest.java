package network.peere.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress behindProxies = new ClientAddress(Set.of("10.0.0.2", "10.0.0.3"));

    @Test
    void without_a_trusted_proxy_the_peer_is_the_client_whatever_header_it_sends() {
        assertThat(new ClientAddress(Set.of()).of("203.0.113.9", "198.51.100.1"))
                .isEqualTo("203.0.113.9");
        assertThat(behindProxies.of("203.0.113.9", "198.51.100.1"))
                .as("a client cannot pick its own bucket")
                .isEqualTo("203.0.113.9");
    }

    @Test
    void behind_trusted_proxies_the_client_is_the_right_most_address_no_proxy_wrote() {
        assertThat(behindProxies.of("10.0.0.2", "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(behindProxies.of("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.3"))
                .as("entries left of the first untrusted hop were written by the client")
                .isEqualTo("198.51.100.7");
        assertThat(behindProxies.of("10.0.0.2", null)).isEqualTo("10.0.0.2");
        assertThat(behindProxies.of("10.0.0.2", "10.0.0.3")).isEqualTo("10.0.0.2");
    }
}
