package network.peere.app;

import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.participant.ChangeParticipant;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.RegisterParticipant;

/**
 * The operator's command line. It runs the same use cases as the operator API, directly on the database, so it works
 * before any operator key exists and while the server runs (the embedded H2 file is opened in AUTO_SERVER mode).
 */
public final class OperatorCli {
    static final String USAGE = """
            Usage: peere <command> [--option value ...]   (every command takes --mode sandbox|live, default sandbox)
              serve                                         start the server (the default)
              migrate                                       apply database migrations and exit
              create-operator  --name N --email E
              create-bank      --name N --email E [--time-zone Africa/Lagos]
              create-provider  --name N --email E
              create-merchant  --name N --email E [--provider-id ID] [--trust-level basic|enhanced|premium]
                               [--trusted true|false]
              create-key       --participant ID [--label L]      prints the key once
              revoke-key       --participant ID --key KEY_ID
              list-keys        --participant ID
              list-participants [--role bank|provider|merchant|operator] [--status active|suspended]
              suspend          --participant ID
              reactivate       --participant ID
              set-time-zone    --bank ID --time-zone ZONE
            """;

    /** The audit log names the operating-system user who ran the command. */
    private static final Actor ACTOR = Actor.cli(System.getProperty("user.name", "unknown"));

    private final PeereConfig config;
    private final PrintStream out;
    private final PrintStream err;

    public OperatorCli(PeereConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** @return the process exit code: 0 done, 1 refused by a rule, 2 bad usage */
    public int run(String command, String[] args) {
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            out.print(USAGE);
            return 0;
        }
        Map<String, String> options;
        Mode mode;
        try {
            options = options(args);
            mode = Mode.fromWire(options.getOrDefault("mode", "sandbox"))
                    .orElseThrow(() -> new UsageException("--mode must be sandbox or live"));
        } catch (UsageException e) {
            err.println("peere: " + e.getMessage());
            return 2;
        }
        try (PeereRuntime runtime = PeereRuntime.open(config)) {
            return dispatch(runtime.peere(), command, mode, options);
        } catch (UsageException e) {
            err.println("peere: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RefusedException e) {
            err.println("peere: refused: " + e.getMessage());
            return 1;
        }
    }

    private int dispatch(Peere peere, String command, Mode mode, Map<String, String> o) {
        switch (command) {
            case "migrate" -> out.println("database migrated");
            case "create-operator" -> register(peere, mode, o, new Profile.OperatorProfile());
            case "create-bank" -> register(peere, mode, o, new Profile.BankProfile(zone(o, "time-zone")));
            case "create-provider" -> register(peere, mode, o, new Profile.ProviderProfile());
            case "create-merchant" -> register(peere, mode, o, merchantProfile(o));
            case "create-key" -> createKey(peere, mode, o);
            case "revoke-key" -> revokeKey(peere, mode, o);
            case "list-keys" ->
                peere.manageApiKeys()
                        .list(mode, participant(o, "participant"))
                        .forEach(k -> out.printf(
                                "%s  %s…%s  %s  %s%n",
                                k.id(),
                                k.mode().keyPrefix(),
                                k.hint(),
                                k.isRevoked() ? "revoked" : "active",
                                k.label()));
            case "list-participants" -> listParticipants(peere, mode, o);
            case "suspend" -> changed(peere.changeParticipant().suspend(mode, participant(o, "participant"), ACTOR));
            case "reactivate" ->
                changed(peere.changeParticipant().reactivate(mode, participant(o, "participant"), ACTOR));
            case "set-time-zone" ->
                changed(peere.changeParticipant()
                        .setBankTimeZone(mode, participant(o, "bank"), zone(o, "time-zone"), ACTOR));
            default -> throw new UsageException("unknown command '" + command + "'");
        }
        return 0;
    }

    private void register(Peere peere, Mode mode, Map<String, String> o, Profile profile) {
        String name = required(o, "name");
        String email = required(o, "email");
        if (!Participant.isValidName(name) || !Participant.isValidEmail(email)) {
            throw new UsageException("--name must be 1-200 characters and --email a valid address");
        }
        switch (peere.registerParticipant()
                .register(new RegisterParticipant.Command(mode, name, email, profile, ACTOR))) {
            case RegisterParticipant.Registration.Registered ok -> print(ok.participant());
            case RegisterParticipant.Registration.Rejected rejected ->
                throw new RefusedException(rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static Profile merchantProfile(Map<String, String> o) {
        TrustLevel level = Optional.ofNullable(o.get("trust-level"))
                .map(v -> WireEnums.parse(TrustLevel.class, v)
                        .orElseThrow(() -> new UsageException("--trust-level must be basic, enhanced or premium")))
                .orElse(TrustLevel.BASIC);
        boolean trusted = !"false".equalsIgnoreCase(o.getOrDefault("trusted", "true"));
        var trust = new MerchantTrust(
                trusted ? MerchantTrust.Trusted.TRUSTED : MerchantTrust.Trusted.UNTRUSTED,
                level,
                MerchantTrust.DeviceLookup.ENABLED);
        Optional<ParticipantId> provider =
                Optional.ofNullable(o.get("provider-id")).map(OperatorCli::participantId);
        return new Profile.MerchantProfile(provider, trust, ContactDetails.none());
    }

    private void createKey(Peere peere, Mode mode, Map<String, String> o) {
        switch (peere.manageApiKeys()
                .issue(mode, participant(o, "participant"), o.getOrDefault("label", "cli"), ACTOR)) {
            case ManageApiKeys.Issue.Issued issued -> {
                out.println("key id:  " + issued.key().id());
                out.println("api key: " + issued.secret().reveal() + "   (shown once; only its hash is stored)");
            }
            case ManageApiKeys.Issue.OwnerNotFound missing -> throw new RefusedException("participant_not_found");
        }
    }

    private void revokeKey(Peere peere, Mode mode, Map<String, String> o) {
        var keyId = required(o, "key");
        if (!ParticipantId.isWellFormed(keyId)) {
            throw new RefusedException("api_key_not_found");
        }
        switch (peere.manageApiKeys().revoke(mode, participant(o, "participant"), new ApiKeyId(keyId), ACTOR)) {
            case ManageApiKeys.Revocation.Revoked revoked ->
                out.println("revoked " + revoked.key().id());
            case ManageApiKeys.Revocation.Rejected rejected ->
                throw new RefusedException(rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void listParticipants(Peere peere, Mode mode, Map<String, String> o) {
        Optional<Role> role = Optional.ofNullable(o.get("role"))
                .map(v -> WireEnums.parse(Role.class, v).orElseThrow(() -> new UsageException("unknown --role")));
        Optional<ParticipantStatus> status = Optional.ofNullable(o.get("status"))
                .map(v -> WireEnums.parse(ParticipantStatus.class, v)
                        .orElseThrow(() -> new UsageException("unknown --status")));
        int offset = 0;
        while (true) {
            var page = peere.findParticipants()
                    .list(
                            mode,
                            new ParticipantFilter(role, status, Optional.empty()),
                            new PageRequest(offset, PageRequest.LIMIT_MAX));
            page.items().forEach(this::print);
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return;
            }
        }
    }

    private void changed(ChangeParticipant.Change change) {
        switch (change) {
            case ChangeParticipant.Change.Changed ok -> print(ok.participant());
            case ChangeParticipant.Change.Rejected rejected ->
                throw new RefusedException(rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void print(Participant p) {
        out.printf(
                "%s  %-8s  %-9s  %s <%s>%n",
                p.id(), WireEnums.wireName(p.role()), WireEnums.wireName(p.status()), p.name(), p.email());
    }

    private static ZoneId zone(Map<String, String> o, String name) {
        String raw = o.get(name);
        if (raw == null) {
            return Profile.BankProfile.DEFAULT_TIME_ZONE;
        }
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            throw new UsageException("--" + name + " must be an IANA time zone such as Africa/Lagos");
        }
    }

    private static ParticipantId participant(Map<String, String> o, String name) {
        return participantId(required(o, name));
    }

    private static ParticipantId participantId(String raw) {
        if (!ParticipantId.isWellFormed(raw)) {
            throw new RefusedException("participant_not_found");
        }
        return new ParticipantId(raw);
    }

    private static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (!arg.startsWith("--") || i + 1 >= list.size()) {
                throw new UsageException("expected --option value pairs, got '" + arg + "'");
            }
            options.put(arg.substring(2), list.get(++i));
        }
        return options;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }
}
