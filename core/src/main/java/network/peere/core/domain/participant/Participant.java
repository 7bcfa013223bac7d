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
    }

    public static Participant register(
            ParticipantId id, Mode mode, String name, String email, Profile profile, Instant now) {
        return new Participant(id, mode, name, email, ParticipantStatus.ACTIVE, profile, now, now, 1);
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
}
