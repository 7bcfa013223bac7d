package network.peere.core.ports.out;

import java.util.Optional;
import network.peere.core.domain.identity.LookupPhraseClaims;

/**
 * Turns a merchant's lookup claims into an opaque phrase and back, without storing anything (spec/decisions.md,
 * "Phrases"): authenticated encryption under a network key, the key's id inside the phrase so keys can rotate.
 * Implementations hold the key material; the core never sees it.
 */
public interface PhraseSealer {
    /** URL-safe, opaque, at least 128 bits of unguessability; equal claims may give equal phrases. */
    String seal(LookupPhraseClaims claims);

    /** Empty when the text is not a phrase sealed under a key this network still holds, or was tampered with. */
    Optional<LookupPhraseClaims> open(String phrase);
}
