package network.peere.persistence.jdbi;

import java.util.Map;
import network.peere.core.domain.participant.MerchantScope;

/**
 * A {@link MerchantScope} as one condition of a list's {@code WHERE}. A provider's merchants are read by a subquery of
 * the same statement ({@code ix_participants_provider}), so the list costs one statement however many merchants the
 * provider has, and follows each merchant's provider as the participants table has it then.
 */
final class MerchantScopes {
    private MerchantScopes() {}

    /**
     * The condition on {@code column}, a merchant id column such as {@code c.merchant_id}. Only fixed text: its values
     * are {@link #values}, and the statement binds {@code :mode} (the list's mode, which the merchants share).
     */
    static String where(String column, MerchantScope scope) {
        return switch (scope) {
            case MerchantScope.Merchant merchant -> column + " = :merchant_id";
            // Only merchants have a provider_id, so the participants' role needs no check (and no row read).
            case MerchantScope.ProviderMerchants provider ->
                column + " IN (SELECT p.id FROM participants p WHERE p.mode = :mode AND p.provider_id = :provider_id)";
        };
    }

    /** The values {@link #where} names, to bind. */
    static Map<String, Object> values(MerchantScope scope) {
        return switch (scope) {
            case MerchantScope.Merchant merchant ->
                Map.of("merchant_id", merchant.id().value());
            case MerchantScope.ProviderMerchants provider ->
                Map.of("provider_id", provider.providerId().value());
        };
    }
}
