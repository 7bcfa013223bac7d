package network.peere.core.domain.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {
    private static byte[] bytes(int fill) {
        byte[] out = new byte[ApiKeySecret.RANDOM_BYTES];
        Arrays.fill(out, (byte) fill);
        return out;
    }

    @Test
    void sandbox_and_live_keys_carry_their_prefix() {
        assertThat(ApiKeySecret.issue(Mode.SANDBOX, bytes(7)).reveal()).startsWith("sk_test_");
        assertThat(ApiKeySecret.issue(Mode.LIVE, bytes(7)).reveal()).startsWith("sk_live_");
    }

    @Test
    void to_string_never_reveals_the_key() {
        var secret = ApiKeySecret.issue(Mode.SANDBOX, bytes(42));
        assertThat(secret.toString()).doesNotContain(secret.reveal().substring(8, 30));
        assertThat(secret.toString()).endsWith(secret.hint());
    }

    @Test
    void parse_refuses_foreign_shapes() {
        assertThat(ApiKeySecret.parse("sk_test_short")).isEmpty();
        assertThat(ApiKeySecret.parse("pk_test_" + "a".repeat(ApiKeySecret.BODY_LENGTH)))
                .isEmpty();
        assertThat(ApiKeySecret.parse("sk_test_" + "!".repeat(ApiKeySecret.BODY_LENGTH)))
                .isEmpty();
        assertThat(ApiKeySecret.parse(null)).isEmpty();
    }

    @Property
    void every_issued_key_parses_back_to_the_same_hash_and_mode(
            @ForAll @Size(ApiKeySecret.RANDOM_BYTES) byte[] random, @ForAll Mode mode) {
        var issued = ApiKeySecret.issue(mode, random);
        var parsed = ApiKeySecret.parse(issued.reveal()).orElseThrow();
        assertThat(parsed.mode()).isEqualTo(mode);
        assertThat(parsed.hash().matchesInConstantTime(issued.hash())).isTrue();
    }

    @Test
    void different_random_bytes_give_different_keys_and_hashes() {
        var a = ApiKeySecret.issue(Mode.SANDBOX, bytes(1));
        var b = ApiKeySecret.issue(Mode.SANDBOX, bytes(2));
        assertThat(a.reveal()).isNotEqualTo(b.reveal());
        assertThat(a.hash().matchesInConstantTime(b.hash())).isFalse();
    }
}
