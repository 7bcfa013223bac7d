package network.peere.core.domain.settlement;

import java.util.Objects;

/** Where a merchant's payouts go: a bank and an account there, as the merchant (or its provider) set it. */
public record PayoutAccount(String bankName, String accountNumber, String accountName) {
    public static final int FIELD_LENGTH_MAX = 100;

    public PayoutAccount {
        for (String field : new String[] {bankName, accountNumber, accountName}) {
            Objects.requireNonNull(field, "payout account fields are required");
            if (field.isBlank() || field.length() > FIELD_LENGTH_MAX) {
                throw new IllegalArgumentException("payout account fields are 1-" + FIELD_LENGTH_MAX + " characters");
            }
        }
    }
}
