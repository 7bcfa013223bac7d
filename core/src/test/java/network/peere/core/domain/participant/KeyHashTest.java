package network.peere.core.domain.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyHashTest {
    @Test
    void a_hash_is_the_keys_sha256_in_lower_case_hex() {
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assertThat(KeyHash.of("abc").hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(KeyHash.of("abc")).isEqualTo(KeyHash.of("abc")).isNotEqualTo(KeyHash.of("abd"));
    }

    @Test
    void only_64_lower_case_hex_digits_make_a_hash() {
        String valid = "0123456789abcdef".repeat(4);
        assertThat(new KeyHash(valid).hex()).isEqualTo(valid);
        for (String invalid :
                new String[] {valid.toUpperCase(), valid.substring(1), valid + "0", "g" + valid.substring(1)}) {
            assertThatThrownBy(() -> new KeyHash(invalid))
                    .as(invalid)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("64 lower-case hex digits");
        }
    }

    @Test
    void to_string_never_shows_the_hash() {
        assertThat(KeyHash.of("abc").toString()).doesNotContain("ba7816bf");
    }
}
