package network.peere.core.domain.participant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;
import network.peere.core.domain.shared.Mode;

/**
 * A bank, provider, merchant or the network operator, in one mode. Immutable: a change returns a new value with the
 * next {@code version}, which stores use as an optimistic lock.
 */
public record Participant(
        ParticipantId id,
        Mode mode,
        String name,
        String email,
        ParticipantStatus status,
        Profile profile,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int NAME_LENGTH_MAX = 200;
    public static final int EMAIL_LENGTH_MAX = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("name must be 1-" + NAME_LENGTH_MAX + " characters");
        }
        if (!isValidEmail(email)) {
            throw new IllegalArgumentException("email must be a valid address");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt");
        }
        if (profile instanceof Profile.MerchantProfile merchant
                && merchant.trustSetAt().isEmpty()) {
            throw new IllegalArgumentException("a registered merchant knows when its trust was set");
        }
    }

    public static Participant register(
            ParticipantId id, Mode mode, String name, String email, Profile profile, Instant now) {
        // A merchant's trust is first set when it is registered (lastVerified on the wire).
        Profile stamped = profile instanceof Profile.MerchantProfile merchant
                        && merchant.trustSetAt().isEmpty()
                ? merchant.withTrust(merchant.trust(), now)
                : profile;
        return new Participant(id, mode, name, email, ParticipantStatus.ACTIVE, stamped, now, now, 1);
    }

    public static boolean isValidName(String name) {
        return name != null && !name.isBlank() && name.length() <= NAME_LENGTH_MAX;
    }

    public static boolean isValidEmail(String email) {
        return email != null
                && email.length() <= EMAIL_LENGTH_MAX
                && EMAIL.matcher(email).matches();
    }

    public Role role() {
        return profile.role();
    }

    public boolean isActive() {
        return status == ParticipantStatus.ACTIVE;
    }

    public Participant withStatus(ParticipantStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("participant " + id + " is already " + status);
        }
        return new Participant(id, mode, name, email, next, profile, createdAt, now, version + 1);
    }

    public Participant withBankTimeZone(ZoneId timeZone, Instant now) {
        if (!(profile instanceof Profile.BankProfile)) {
            throw new IllegalStateException("only a bank has a time zone; " + id + " is a " + role());
        }
        return new Participant(
                id, mode, name, email, status, new Profile.BankProfile(timeZone), createdAt, now, version + 1);
    }

    /** Sets a merchant's trust; setting it again, even unchanged, records when it was last verified. */
    public Participant withMerchantTrust(MerchantTrust trust, Instant now) {
        Profile.MerchantProfile merchant = merchantProfile();
        return new Participant(
                id, mode, name, email, status, merchant.withTrust(trust, now), createdAt, now, version + 1);
    }

    /** Changes a merchant's public profile: name, e-mail, contact and business details. */
    public Participant withMerchantDetails(
            String nextName, String nextEmail, ContactDetails contact, BusinessDetails business, Instant now) {
        Profile.MerchantProfile merchant = merchantProfile();
        return new Participant(
                id,
                mode,
                nextName,
                nextEmail,
                status,
                merchant.withDetails(contact, business),
                createdAt,
                now,
                version + 1);
    }

    private Profile.MerchantProfile merchantProfile() {
        if (!(profile instanceof Profile.MerchantProfile merchant)) {
            throw new IllegalStateException(
                    "only a merchant has trust and business details; " + id + " is a " + role());
        }
        return merchant;
    }
}
