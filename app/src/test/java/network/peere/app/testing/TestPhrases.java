package network.peere.app.testing;

import java.security.SecureRandom;
import network.peere.app.phrases.AesGcmPhraseSealer;
import network.peere.app.phrases.PhraseKeys;
import network.peere.core.ports.out.PhraseSealer;

/** A phrase sealer under a fresh random key, for tests that build a {@code Peere} by hand. */
public final class TestPhrases {
    private TestPhrases() {}

    public static PhraseSealer sealer() {
        return new AesGcmPhraseSealer(PhraseKeys.parse(PhraseKeys.generate(new SecureRandom())));
    }
}
