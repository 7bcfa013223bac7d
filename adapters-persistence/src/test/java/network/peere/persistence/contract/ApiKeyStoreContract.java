package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestApiKeys.createdAt;
import static network.peere.persistence.testing.TestApiKeys.key;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.ApiKey;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.ApiKeyStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyStore} does; one subclass per implementation. */
public abstract class ApiKeyStoreContract {
    private static final ParticipantId OWNER = new ParticipantId("mer_1");
    private static final ParticipantId SOMEONE_ELSE = new ParticipantId("mer_2");
    private static final Instant LATER = T0.plusSeconds(3600);

    private ApiKeyStore keys;
    private PeereStores stores;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        keys = stores.apiKeys();
    }

    @Test
    void finds_a_key_by_its_hash() {
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);

        assertThat(keys.findByHash(LIVE, key.hash())).contains(key);
    }

    @Test
    void finds_a_key_by_owner_and_id() {
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);

        assertThat(keys.find(LIVE, OWNER, key.id())).contains(key);
    }

    @Test
    void keeps_a_revocation_given_at_insert() {
        var revoked = key(SANDBOX, "mer_1", "key_1").revoke(LATER);
        keys.insert(revoked);

        assertThat(keys.find(SANDBOX, OWNER, revoked.id())).contains(revoked);
    }

    @Test
    void finds_nothing_for_an_unknown_hash_or_id() {
        keys.insert(key(LIVE, "mer_1", "key_1"));

        assertThat(keys.findByHash(LIVE, key(LIVE, "mer_1", "key_2").hash())).isEmpty();
        assertThat(keys.find(LIVE, OWNER, new ApiKeyId("key_2"))).isEmpty();
    }

    @Test
    void a_sandbox_key_is_invisible_in_live() {
        var key = key(SANDBOX, "mer_1", "key_1");
        keys.insert(key);

        assertThat(keys.findByHash(LIVE, key.hash())).isEmpty();
        assertThat(keys.find(LIVE, OWNER, key.id())).isEmpty();
        assertThat(keys.listFor(LIVE, OWNER)).isEmpty();
        assertThat(keys.listFor(SANDBOX, OWNER)).containsExactly(key);
    }

    @Test
    void another_participant_cannot_find_or_list_a_key() {
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);

        assertThat(keys.find(LIVE, SOMEONE_ELSE, key.id())).isEmpty();
        assertThat(keys.listFor(LIVE, SOMEONE_ELSE)).isEmpty();
    }

    @Test
    void lists_an_owners_keys_newest_first_then_by_id() {
        var oldest = key(LIVE, "mer_1", "key_c");
        var tiedLower = createdAt(key(LIVE, "mer_1", "key_a"), LATER);
        var tiedHigher = createdAt(key(LIVE, "mer_1", "key_b"), LATER);
        List.of(tiedLower, oldest, tiedHigher).forEach(keys::insert);
        keys.insert(key(LIVE, "mer_2", "key_other_owner"));
        keys.insert(key(SANDBOX, "mer_1", "key_other_mode"));

        assertThat(keys.listFor(LIVE, OWNER)).containsExactly(tiedHigher, tiedLower, oldest);
    }

    @Test
    void revokes_an_active_key_once() {
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);

        assertThat(keys.revoke(LIVE, OWNER, key.id(), LATER)).isTrue();
        assertThat(keys.revoke(LIVE, OWNER, key.id(), LATER.plusSeconds(1))).isFalse();
        assertThat(keys.find(LIVE, OWNER, key.id())).contains(key.revoke(LATER));
    }

    @Test
    void a_revoked_key_is_still_found_by_its_hash_so_authentication_can_say_why() {
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);
        keys.revoke(LIVE, OWNER, key.id(), LATER);

        assertThat(keys.findByHash(LIVE, key.hash())).map(ApiKey::revokedAt).contains(Optional.of(LATER));
    }

    @Test
    void only_the_owner_can_revoke_a_key() {
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);

        assertThat(keys.revoke(LIVE, SOMEONE_ELSE, key.id(), LATER)).isFalse();
        assertThat(keys.find(LIVE, OWNER, key.id())).contains(key);
    }

    @Test
    void a_sandbox_key_cannot_be_revoked_through_live() {
        var key = key(SANDBOX, "mer_1", "key_1");
        keys.insert(key);

        assertThat(keys.revoke(LIVE, OWNER, key.id(), LATER)).isFalse();
        assertThat(keys.find(SANDBOX, OWNER, key.id())).contains(key);
    }

    @Test
    void revoking_an_unknown_key_changes_nothing() {
        assertThat(keys.revoke(LIVE, OWNER, new ApiKeyId("key_1"), LATER)).isFalse();
    }

    @Test
    void rejects_a_duplicate_id() {
        keys.insert(key(LIVE, "mer_1", "key_1"));
        var sameIdOtherSecret = new ApiKey(
                new ApiKeyId("key_1"),
                SOMEONE_ELSE,
                LIVE,
                key(LIVE, "mer_2", "key_2").hash(),
                "abcd",
                "other",
                T0,
                Optional.empty());

        assertThatThrownBy(() -> keys.insert(sameIdOtherSecret)).isInstanceOf(RuntimeException.class);
        assertThat(keys.listFor(LIVE, SOMEONE_ELSE)).isEmpty();
    }

    @Test
    void rejects_a_duplicate_hash() {
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);
        var sameSecretOtherId =
                new ApiKey(new ApiKeyId("key_2"), OWNER, LIVE, key.hash(), key.hint(), "copy", T0, Optional.empty());

        assertThatThrownBy(() -> keys.insert(sameSecretOtherId)).isInstanceOf(RuntimeException.class);
        assertThat(keys.listFor(LIVE, OWNER)).containsExactly(key);
    }

    @Test
    void finds_a_key_with_its_owner_as_currently_stored() {
        var merchant =
                network.peere.persistence.testing.TestParticipants.merchantWithEverything(LIVE, "mer_1", "prv_1");
        stores.participants().insert(merchant);
        var key = key(LIVE, "mer_1", "key_1");
        keys.insert(key);

        var found = keys.findWithOwner(LIVE, key.hash()).orElseThrow();
        assertThat(found.key()).isEqualTo(key);
        assertThat(found.owner()).isEqualTo(merchant);
        assertThat(found.role()).isEqualTo(network.peere.core.domain.participant.Role.MERCHANT);
        assertThat(found.status()).isEqualTo(network.peere.core.domain.participant.ParticipantStatus.ACTIVE);

        var suspended = merchant.withStatus(
                network.peere.core.domain.participant.ParticipantStatus.SUSPENDED, T0.plusSeconds(1));
        stores.participants().update(suspended);
        assertThat(keys.findWithOwner(LIVE, key.hash()).orElseThrow().owner()).isEqualTo(suspended);
        assertThat(keys.findWithOwner(SANDBOX, key.hash())).isEmpty();

        // A bank's owner comes back with its profile (its time zone) too.
        var bank = network.peere.persistence.testing.TestParticipants.bank(LIVE, "bank_1");
        stores.participants().insert(bank);
        var bankKey = key(LIVE, "bank_1", "key_2");
        keys.insert(bankKey);
        assertThat(keys.findWithOwner(LIVE, bankKey.hash()).orElseThrow().owner())
                .isEqualTo(bank);
    }
}
