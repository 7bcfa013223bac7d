package network.peere.app.phrases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.LookupPhraseClaims;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmPhraseSealerTest {
    private static final LookupPhraseClaims CLAIMS = new LookupPhraseClaims(
            Mode.LIVE, new ParticipantId("bank_1"), new CustomerId("cus_1"), new ParticipantId("mer_1"));
    private final String oldKey = PhraseKeys.generate(new SecureRandom()).replaceFirst("^k\\d+", "old");
    private final String newKey = PhraseKeys.generate(new SecureRandom()).replaceFirst("^k\\d+", "new");

    @Test
    void a_phrase_opens_to_its_claims_and_is_url_safe_and_opaque() {
        var sealer = new AesGcmPhraseSealer(PhraseKeys.parse(newKey));
        String phrase = sealer.seal(CLAIMS);

        assertThat(phrase).matches("lp1\\.new\\.[A-Za-z0-9_-]+").doesNotContain("bank_1", "cus_1", "mer_1");
        assertThat(sealer.open(phrase)).contains(CLAIMS);
    }

    @Test
    void one_merchant_gets_one_stable_phrase_and_another_merchant_a_different_one() {
        var sealer = new AesGcmPhraseSealer(PhraseKeys.parse(newKey));
        var other =
                new LookupPhraseClaims(CLAIMS.mode(), CLAIMS.bankId(), CLAIMS.customerId(), new ParticipantId("mer_2"));

        assertThat(sealer.seal(CLAIMS)).isEqualTo(sealer.seal(CLAIMS)).isNotEqualTo(sealer.seal(other));
    }

    @Test
    void a_tampered_or_foreign_phrase_opens_to_nothing() {
        var sealer = new AesGcmPhraseSealer(PhraseKeys.parse(newKey));
        String phrase = sealer.seal(CLAIMS);
        char last = phrase.charAt(phrase.length() - 2);
        String tampered = phrase.substring(0, phrase.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + phrase.charAt(phrase.length() - 1);

        assertThat(sealer.open(tampered)).isEmpty();
        assertThat(sealer.open("lp1.new.")).isEmpty();
        assertThat(sealer.open("phr_whatever")).isEmpty();
        assertThat(new AesGcmPhraseSealer(PhraseKeys.parse(oldKey.replaceFirst("^old", "new"))).open(phrase))
                .isEmpty();
    }

    @Test
    void after_rotation_old_phrases_still_open_and_new_ones_use_the_new_key() {
        String oldPhrase = new AesGcmPhraseSealer(PhraseKeys.parse(oldKey)).seal(CLAIMS);
        var rotated = new AesGcmPhraseSealer(PhraseKeys.parse(newKey + "," + oldKey));

        assertThat(rotated.open(oldPhrase)).contains(CLAIMS);
        assertThat(rotated.seal(CLAIMS)).startsWith("lp1.new.");
        assertThat(new AesGcmPhraseSealer(PhraseKeys.parse(newKey)).open(oldPhrase))
                .isEmpty();
    }

    @Test
    void without_configured_keys_one_is_generated_once_into_a_private_file(@TempDir Path dataDir) throws Exception {
        PhraseKeys first = PhraseKeys.load(Optional.empty(), dataDir);
        PhraseKeys second = PhraseKeys.load(Optional.empty(), dataDir);

        assertThat(second.current().id()).isEqualTo(first.current().id());
        assertThat(second.current().secret()).isEqualTo(first.current().secret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(PhraseKeys.FILE))))
                .isEqualTo("rw-------");
    }
}
