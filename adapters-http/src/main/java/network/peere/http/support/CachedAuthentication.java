package network.peere.http.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import network.peere.core.domain.participant.ApiKeySecret;
import network.peere.core.ports.in.participant.AuthenticateApiKey;

/**
 * Every request authenticates, so a successful authentication is remembered for a moment, keyed by the key's hash
 * (never its plaintext). Only successes are cached: an unknown, revoked or suspended key always reaches the database.
 * A revocation or suspension through this process forgets everything at once ({@link #forgetAll}); another server
 * process sees it within {@link #TTL} — the bound documented in docs/operations.md.
 */
public final class CachedAuthentication implements AuthenticateApiKey {
    public static final Duration TTL = Duration.ofSeconds(1);
    public static final long ENTRIES_MAX = 100_000;

    private final AuthenticateApiKey delegate;
    private final Cache<String, Authentication.Authenticated> principals;

    public CachedAuthentication(AuthenticateApiKey delegate) {
        this(delegate, Ticker.systemTicker());
    }

    CachedAuthentication(AuthenticateApiKey delegate, Ticker ticker) {
        this.delegate = delegate;
        this.principals = Caffeine.newBuilder()
                .expireAfterWrite(TTL)
                .maximumSize(ENTRIES_MAX)
                .ticker(ticker)
                .build();
    }

    @Override
    public Authentication authenticate(String presentedKey) {
        Optional<String> hash =
                ApiKeySecret.parse(presentedKey).map(secret -> secret.hash().hex());
        if (hash.isEmpty()) {
            return delegate.authenticate(presentedKey);
        }
        Authentication.Authenticated remembered = principals.getIfPresent(hash.get());
        if (remembered != null) {
            return remembered;
        }
        Authentication answer = delegate.authenticate(presentedKey);
        if (answer instanceof Authentication.Authenticated ok) {
            principals.put(hash.get(), ok);
        }
        return answer;
    }

    /** After a key is revoked or a participant suspended here: the very next request authenticates afresh. */
    public void forgetAll() {
        principals.invalidateAll();
    }
}
