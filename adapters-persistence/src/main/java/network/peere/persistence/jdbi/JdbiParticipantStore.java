package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantFilter;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.ParticipantStore;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** Participants in the {@code participants} table; one row per participant, the profile spread over nullable columns. */
final class JdbiParticipantStore implements ParticipantStore {
    private static final String COLUMNS = """
            id, mode, role, name, email, status, time_zone, provider_id, trusted, trust_level, device_lookup_enabled,
            phone, website, description, country, state, icon, address, registration_number, industry, ref,
            trust_verified_at, created_at, updated_at, version""";

    private static final String INSERT = """
            INSERT INTO participants (%s)
            VALUES (:id, :mode, :role, :name, :email, :status, :time_zone, :provider_id, :trusted, :trust_level,
                    :device_lookup_enabled, :phone, :website, :description, :country, :state, :icon, :address,
                    :registration_number, :industry, :ref, :trust_verified_at, :created_at, :updated_at,
                    :version)""".formatted(COLUMNS);

    /** The role is in the condition because a participant's role never changes; a changed role is never stored. */
    private static final String UPDATE = """
            UPDATE participants
               SET name = :name, email = :email, status = :status, time_zone = :time_zone, provider_id = :provider_id,
                   trusted = :trusted, trust_level = :trust_level, device_lookup_enabled = :device_lookup_enabled,
                   phone = :phone, website = :website, description = :description, country = :country,
                   state = :state, icon = :icon, address = :address, registration_number = :registration_number,
                   industry = :industry, ref = :ref, trust_verified_at = :trust_verified_at,
                   updated_at = :updated_at, version = :version
             WHERE id = :id AND mode = :mode AND role = :role AND version = :expected_version""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM participants WHERE id = :id AND mode = :mode";

    /**
     * The window count comes from the same statement as the page, so the total never disagrees with the items even
     * while rows are written; a page past the end has no rows to carry it and falls back to {@link #COUNT}.
     */
    private static final String LIST = """
            SELECT %s, COUNT(*) OVER () AS total_matches
              FROM participants
             WHERE %s
             ORDER BY created_at DESC, id DESC
             LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM participants WHERE %s";

    private static final String FIND_BY_REF = "SELECT " + COLUMNS + """
             FROM participants
            WHERE mode = :mode AND role = 'MERCHANT' AND provider_id = :provider_id AND ref = :ref""";

    /** E-mail addresses compare case-insensitively; the column's binary collation would not, so both sides lower. */
    private static final String FIND_BY_EMAIL = "SELECT " + COLUMNS + """
             FROM participants
            WHERE mode = :mode AND role = 'MERCHANT' AND provider_id = :provider_id AND LOWER(email) = :email
            ORDER BY created_at, id
            LIMIT 1""";

    private final JdbiTransactor transactor;

    JdbiParticipantStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(Participant participant) {
        transactor.withHandle(
                handle -> bindColumns(handle.createUpdate(INSERT), participant).execute());
    }

    @Override
    public boolean update(Participant changed) {
        int rows = transactor.withHandle(handle -> bindColumns(handle.createUpdate(UPDATE), changed)
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    @Override
    public Optional<Participant> find(Mode mode, ParticipantId id) {
        return transactor.query(
                FIND,
                query -> query.bind("id", id.value())
                        .bind("mode", mode.name())
                        .map(JdbiParticipantStore::participant)
                        .findOne());
    }

    @Override
    public Page<Participant> list(Mode mode, ParticipantFilter filter, PageRequest page) {
        String where = where(filter);
        return transactor.withHandle(handle -> {
            List<Counted> rows = bindFilter(handle.createQuery(LIST.formatted(COLUMNS, where)), mode, filter)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(participant(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::participant).toList(),
                        rows.getFirst().total());
            }
            long total = bindFilter(handle.createQuery(COUNT.formatted(where)), mode, filter)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    @Override
    public Page<Participant> listMerchantsOf(
            Mode mode, ParticipantId providerId, MerchantFilter filter, PageRequest page) {
        List<ParticipantId> ids = List.copyOf(filter.ids());
        String where = merchantWhere(filter, ids);
        return transactor.withHandle(handle -> {
            List<Counted> rows = bindMerchantFilter(
                            handle.createQuery(LIST.formatted(COLUMNS, where)), mode, providerId, filter, ids)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(participant(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::participant).toList(),
                        rows.getFirst().total());
            }
            long total = bindMerchantFilter(handle.createQuery(COUNT.formatted(where)), mode, providerId, filter, ids)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    @Override
    public Optional<Participant> findMerchantByRef(Mode mode, ParticipantId providerId, String ref) {
        return transactor.query(
                FIND_BY_REF,
                query -> query.bind("mode", mode.name())
                        .bind("provider_id", providerId.value())
                        .bind("ref", ref)
                        .map(JdbiParticipantStore::participant)
                        .findOne());
    }

    @Override
    public Optional<Participant> findMerchantByEmail(Mode mode, ParticipantId providerId, String email) {
        return transactor.query(
                FIND_BY_EMAIL,
                query -> query.bind("mode", mode.name())
                        .bind("provider_id", providerId.value())
                        .bind("email", email.toLowerCase(Locale.ROOT))
                        .map(JdbiParticipantStore::participant)
                        .findOne());
    }

    private record Counted(Participant participant, long total) {}

    /** Only fixed fragments (and one numbered placeholder per id) go into the SQL text; values are bound. */
    private static String merchantWhere(MerchantFilter filter, List<ParticipantId> ids) {
        var conditions = new ArrayList<String>();
        conditions.add("mode = :mode");
        conditions.add("role = 'MERCHANT'");
        conditions.add("provider_id = :provider_id");
        if (!ids.isEmpty()) {
            var placeholders = new ArrayList<String>();
            for (int i = 0; i < ids.size(); i++) {
                placeholders.add(":id_" + i);
            }
            conditions.add("id IN (" + String.join(", ", placeholders) + ")");
        }
        filter.trusted().ifPresent(trusted -> conditions.add("trusted = :trusted"));
        filter.level().ifPresent(level -> conditions.add("trust_level = :trust_level"));
        filter.deviceLookup().ifPresent(lookup -> conditions.add("device_lookup_enabled = :device_lookup_enabled"));
        return String.join(" AND ", conditions);
    }

    private static <S extends SqlStatement<S>> S bindMerchantFilter(
            S statement, Mode mode, ParticipantId providerId, MerchantFilter filter, List<ParticipantId> ids) {
        statement.bind("mode", mode.name()).bind("provider_id", providerId.value());
        for (int i = 0; i < ids.size(); i++) {
            statement.bind("id_" + i, ids.get(i).value());
        }
        filter.trusted().ifPresent(trusted -> statement.bind("trusted", trusted == MerchantTrust.Trusted.TRUSTED));
        filter.level().ifPresent(level -> statement.bind("trust_level", level.name()));
        filter.deviceLookup()
                .ifPresent(lookup ->
                        statement.bind("device_lookup_enabled", lookup == MerchantTrust.DeviceLookup.ENABLED));
        return statement;
    }

    /** Only fixed fragments go into the SQL text; every value is a bound parameter. */
    private static String where(ParticipantFilter filter) {
        var conditions = new ArrayList<String>();
        conditions.add("mode = :mode");
        filter.role().ifPresent(role -> conditions.add("role = :role"));
        filter.status().ifPresent(status -> conditions.add("status = :status"));
        filter.providerId().ifPresent(provider -> conditions.add("provider_id = :provider_id"));
        return String.join(" AND ", conditions);
    }

    private static <S extends SqlStatement<S>> S bindFilter(S statement, Mode mode, ParticipantFilter filter) {
        statement.bind("mode", mode.name());
        filter.role().ifPresent(role -> statement.bind("role", role.name()));
        filter.status().ifPresent(status -> statement.bind("status", status.name()));
        filter.providerId().ifPresent(provider -> statement.bind("provider_id", provider.value()));
        return statement;
    }

    private static <S extends SqlStatement<S>> S bindColumns(S statement, Participant participant) {
        var profile = ProfileColumns.of(participant.profile());
        return statement
                .bind("id", participant.id().value())
                .bind("mode", participant.mode().name())
                .bind("role", participant.role().name())
                .bind("name", participant.name())
                .bind("email", participant.email())
                .bind("status", participant.status().name())
                .bind("time_zone", profile.timeZone())
                .bind("provider_id", profile.providerId())
                .bind("trusted", profile.trusted())
                .bind("trust_level", profile.trustLevel())
                .bind("device_lookup_enabled", profile.deviceLookupEnabled())
                .bind("phone", profile.contact().phone().orElse(null))
                .bind("website", profile.contact().website().orElse(null))
                .bind("description", profile.contact().description().orElse(null))
                .bind("country", profile.contact().country().orElse(null))
                .bind("state", profile.contact().state().orElse(null))
                .bind("icon", profile.contact().icon().orElse(null))
                .bind("address", profile.business().address().orElse(null))
                .bind(
                        "registration_number",
                        profile.business().registrationNumber().orElse(null))
                .bind("industry", profile.business().industry().orElse(null))
                .bind("ref", profile.ref())
                .bind(
                        "trust_verified_at",
                        profile.trustSetAt() == null ? null : UtcColumns.toColumn(profile.trustSetAt()))
                .bind("created_at", UtcColumns.toColumn(participant.createdAt()))
                .bind("updated_at", UtcColumns.toColumn(participant.updatedAt()))
                .bind("version", participant.version());
    }

    private static Participant participant(ResultSet row, StatementContext context) throws SQLException {
        return participant(row, "");
    }

    /**
     * The participant's columns of {@code table} (an alias), each named with {@code prefix} in front, for a join
     * whose other table has columns of the same names; {@link #participant(ResultSet, String)} reads them back.
     */
    static String columnsAs(String table, String prefix) {
        return java.util.Arrays.stream(COLUMNS.split(","))
                .map(String::strip)
                .map(column -> table + "." + column + " AS " + prefix + column)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A participant from columns named with {@code prefix} in front ({@link #columnsAs}). */
    static Participant participant(ResultSet row, String prefix) throws SQLException {
        return new Participant(
                new ParticipantId(row.getString(prefix + "id")),
                Mode.valueOf(row.getString(prefix + "mode")),
                row.getString(prefix + "name"),
                row.getString(prefix + "email"),
                ParticipantStatus.valueOf(row.getString(prefix + "status")),
                profile(row, prefix),
                UtcColumns.instant(row, prefix + "created_at"),
                UtcColumns.instant(row, prefix + "updated_at"),
                row.getLong(prefix + "version"));
    }

    private static Profile profile(ResultSet row, String prefix) throws SQLException {
        return switch (Role.valueOf(row.getString(prefix + "role"))) {
            case BANK -> new Profile.BankProfile(ZoneId.of(row.getString(prefix + "time_zone")));
            case PROVIDER -> new Profile.ProviderProfile();
            case OPERATOR -> new Profile.OperatorProfile();
            case MERCHANT ->
                new Profile.MerchantProfile(
                        Optional.ofNullable(row.getString(prefix + "provider_id"))
                                .map(ParticipantId::new),
                        optional(row, prefix + "ref"),
                        new MerchantTrust(
                                row.getBoolean(prefix + "trusted")
                                        ? MerchantTrust.Trusted.TRUSTED
                                        : MerchantTrust.Trusted.UNTRUSTED,
                                TrustLevel.valueOf(row.getString(prefix + "trust_level")),
                                row.getBoolean(prefix + "device_lookup_enabled")
                                        ? MerchantTrust.DeviceLookup.ENABLED
                                        : MerchantTrust.DeviceLookup.DISABLED),
                        Optional.of(UtcColumns.instant(row, prefix + "trust_verified_at")),
                        new ContactDetails(
                                optional(row, prefix + "phone"),
                                optional(row, prefix + "website"),
                                optional(row, prefix + "description"),
                                optional(row, prefix + "country"),
                                optional(row, prefix + "state"),
                                optional(row, prefix + "icon")),
                        new BusinessDetails(
                                optional(row, prefix + "address"),
                                optional(row, prefix + "registration_number"),
                                optional(row, prefix + "industry")));
        };
    }

    private static Optional<String> optional(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    /** The profile's columns; those another role uses stay null. */
    private record ProfileColumns(
            String timeZone,
            String providerId,
            Boolean trusted,
            String trustLevel,
            Boolean deviceLookupEnabled,
            ContactDetails contact,
            BusinessDetails business,
            String ref,
            Instant trustSetAt) {

        static ProfileColumns of(Profile profile) {
            return switch (profile) {
                case Profile.BankProfile bank ->
                    new ProfileColumns(
                            bank.timeZone().getId(),
                            null,
                            null,
                            null,
                            null,
                            ContactDetails.none(),
                            BusinessDetails.none(),
                            null,
                            null);
                case Profile.MerchantProfile merchant ->
                    new ProfileColumns(
                            null,
                            merchant.providerId().map(ParticipantId::value).orElse(null),
                            merchant.trust().isTrusted(),
                            merchant.trust().level().name(),
                            merchant.trust().deviceLookupEnabled(),
                            merchant.contact(),
                            merchant.business(),
                            merchant.ref().orElse(null),
                            merchant.trustSetAt().orElseThrow());
                case Profile.ProviderProfile provider ->
                    new ProfileColumns(
                            null, null, null, null, null, ContactDetails.none(), BusinessDetails.none(), null, null);
                case Profile.OperatorProfile operator ->
                    new ProfileColumns(
                            null, null, null, null, null, ContactDetails.none(), BusinessDetails.none(), null, null);
            };
        }
    }
}
