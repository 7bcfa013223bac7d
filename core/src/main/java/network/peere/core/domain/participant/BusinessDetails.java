package network.peere.core.domain.participant;

import java.util.Optional;

/**
 * A merchant's business record as providers onboard it (P3 of the public API): postal address, company registration
 * number and industry. Optional free text, checked like {@link ContactDetails}; absent means not given.
 */
public record BusinessDetails(
        Optional<String> address, Optional<String> registrationNumber, Optional<String> industry) {

    public static final int FIELD_LENGTH_MAX = ContactDetails.FIELD_LENGTH_MAX;

    public BusinessDetails {
        address = checked("address", address);
        registrationNumber = checked("registrationNumber", registrationNumber);
        industry = checked("industry", industry);
    }

    public static BusinessDetails none() {
        return new BusinessDetails(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These details with every field that {@code changes} has replaced; its empty fields keep the current value. */
    public BusinessDetails updatedWith(BusinessDetails changes) {
        return new BusinessDetails(
                changes.address.or(() -> address),
                changes.registrationNumber.or(() -> registrationNumber),
                changes.industry.or(() -> industry));
    }

    private static Optional<String> checked(String field, Optional<String> value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be Optional.empty(), not null");
        }
        value.ifPresent(v -> {
            if (v.isBlank() || v.length() > FIELD_LENGTH_MAX) {
                throw new IllegalArgumentException(field + " must be 1-" + FIELD_LENGTH_MAX + " characters");
            }
        });
        return value;
    }
}
