package network.peere.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.LinkDevices;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.RegisterParticipant;

/**
 * On the first start of an empty sandbox, creates a demo network a newcomer can call at once: an operator, one bank,
 * one provider, a {@code basic} direct merchant and an {@code enhanced} merchant of the provider, each with a key, and
 * a few customers at the bank (with e-mail, phone and, for the first, a linked device) to look up.
 * The keys are printed once and written to {@code <data dir>/sandbox-keys.json} (mode 0600); the server keeps only
 * their hashes, so later starts point to that file instead.
 */
public final class SandboxDemo {
    public static final String KEYS_FILE = "sandbox-keys.json";
    private static final Actor ACTOR = Actor.system("sandbox demo network");

    /** The demo bank's customers: first name, last name, e-mail, phone. The first also has {@link #DEMO_DEVICE}. */
    static final List<List<String>> DEMO_CUSTOMERS = List.of(
            List.of("Adaeze", "Okafor", "adaeze@sandbox.peere.test", "+2348012345678"),
            List.of("Tunde", "Bakare", "tunde@sandbox.peere.test", "+2348023456789"),
            List.of("Ngozi", "Eze", "ngozi@sandbox.peere.test", "+2348034567890"),
            List.of("Emeka", "Obi", "emeka+deny@sandbox.peere.test", "+2348045678901"));

    /** How long the simulated demo bank takes to answer, like a customer tapping "approve" on a phone. */
    public static final java.time.Duration DEMO_BANK_DELAY = java.time.Duration.ofSeconds(1);

    public static final String DEMO_DEVICE = "device_demo_adaeze";

    private final Peere peere;
    private final Path dataDir;

    public SandboxDemo(Peere peere, Path dataDir) {
        this.peere = peere;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** One demo participant and its key. {@code trustLevel} is present for merchants only. */
    public record DemoKey(String participantId, String name, String role, Optional<String> trustLevel, String key) {}

    public record Network(List<DemoKey> keys, Path keysFile) {
        public DemoKey byRole(String role, Optional<String> trustLevel) {
            return keys.stream()
                    .filter(k -> k.role().equals(role) && k.trustLevel().equals(trustLevel))
                    .findFirst()
                    .orElseThrow();
        }
    }

    public Optional<Network> createIfFirstStart() {
        if (peere.findParticipants()
                        .list(Mode.SANDBOX, ParticipantFilter.any(), new PageRequest(0, 1))
                        .total()
                > 0) {
            Path file = dataDir.resolve(KEYS_FILE);
            System.out.println("Peere sandbox: demo network already exists; its keys are in " + file.toAbsolutePath());
            return Optional.empty();
        }
        List<DemoKey> keys = new ArrayList<>();
        keys.add(create("Sandbox Operator", "operator@sandbox.peere.test", new Profile.OperatorProfile()));
        DemoKey bank = create(
                "Sandbox Bank",
                "bank@sandbox.peere.test",
                new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE));
        keys.add(bank);
        addCustomers(new ParticipantId(bank.participantId()));
        // The demo bank answers for itself (docs/sandbox.md), so a merchant developer alone can run the whole flow.
        peere.simulateBanks().configure(new ParticipantId(bank.participantId()), Optional.of(DEMO_BANK_DELAY));
        DemoKey provider = create("Sandbox Provider", "provider@sandbox.peere.test", new Profile.ProviderProfile());
        keys.add(provider);
        keys.add(create(
                "Sandbox Basic Merchant",
                "basic-merchant@sandbox.peere.test",
                new Profile.MerchantProfile(
                        Optional.empty(), MerchantTrust.of(TrustLevel.BASIC), ContactDetails.none())));
        keys.add(create(
                "Sandbox Enhanced Merchant",
                "enhanced-merchant@sandbox.peere.test",
                new Profile.MerchantProfile(
                        Optional.of(new ParticipantId(provider.participantId())),
                        MerchantTrust.of(TrustLevel.ENHANCED),
                        ContactDetails.none())));
        Path file = writeKeysFile(keys);
        var network = new Network(List.copyOf(keys), file);
        return Optional.of(network);
    }

    private void addCustomers(ParticipantId bankId) {
        List<CustomerDraft> drafts = new ArrayList<>();
        for (int i = 0; i < DEMO_CUSTOMERS.size(); i++) {
            List<String> person = DEMO_CUSTOMERS.get(i);
            String ref = "DEMO-" + (i + 1);
            drafts.add(CustomerDraft.of(Map.of(
                    CustomerDraft.CLIENT_REF,
                    ref,
                    CustomerDraft.REFERENCE,
                    ref,
                    CustomerDraft.FIRSTNAME,
                    person.get(0),
                    CustomerDraft.LASTNAME,
                    person.get(1),
                    CustomerDraft.ACCOUNT_NAME,
                    person.get(0) + " " + person.get(1),
                    CustomerDraft.ACCOUNT_NUMBER,
                    "00000000" + (i + 1) + "0",
                    CustomerDraft.EMAIL,
                    person.get(2),
                    CustomerDraft.PHONE,
                    person.get(3),
                    CustomerDraft.COUNTRY,
                    "NG")));
        }
        var migration =
                peere.migrateCustomers().migrate(new MigrateCustomers.Command(Mode.SANDBOX, bankId, drafts, ACTOR));
        BatchItem first = switch (migration) {
            case MigrateCustomers.Migration.Processed processed ->
                processed.batch().items().getFirst();
            case MigrateCustomers.Migration.Rejected rejected ->
                throw new IllegalStateException("demo customers: " + rejected.reason());
        };
        if (!(first instanceof BatchItem.Created created)) {
            throw new IllegalStateException("demo customer not created: " + first);
        }
        var linking = peere.linkDevices()
                .link(new LinkDevices.Command(
                        Mode.SANDBOX, bankId, created.customerId(), created.phrase(), new DeviceId(DEMO_DEVICE)));
        if (!(linking instanceof LinkDevices.Linking.Done)) {
            throw new IllegalStateException("demo device: " + linking);
        }
    }

    private DemoKey create(String name, String email, Profile profile) {
        var registration = peere.registerParticipant()
                .register(new RegisterParticipant.Command(Mode.SANDBOX, name, email, profile, ACTOR));
        Participant participant = switch (registration) {
            case RegisterParticipant.Registration.Registered ok -> ok.participant();
            case RegisterParticipant.Registration.Rejected rejected ->
                throw new IllegalStateException("demo network: " + rejected.reason());
        };
        var issued = switch (peere.manageApiKeys().issue(Mode.SANDBOX, participant.id(), "sandbox demo", ACTOR)) {
            case ManageApiKeys.Issue.Issued ok -> ok;
            case ManageApiKeys.Issue.OwnerNotFound missing ->
                throw new IllegalStateException("demo participant vanished");
        };
        Optional<String> trust = profile instanceof Profile.MerchantProfile merchant
                ? Optional.of(WireEnums.wireName(merchant.trust().level()))
                : Optional.empty();
        return new DemoKey(
                participant.id().value(),
                name,
                WireEnums.wireName(participant.role()),
                trust,
                issued.secret().reveal());
    }

    private Path writeKeysFile(List<DemoKey> keys) {
        Path file = dataDir.resolve(KEYS_FILE);
        List<Map<String, Object>> rows = keys.stream()
                .map(k -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("participantId", k.participantId());
                    row.put("name", k.name());
                    row.put("role", k.role());
                    k.trustLevel().ifPresent(t -> row.put("trustLevel", t));
                    row.put("mode", Mode.SANDBOX.wireName());
                    row.put("apiKey", k.key());
                    return row;
                })
                .toList();
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                throw new IllegalStateException("another process is writing " + file, raced);
            }
            byte[] json = new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(Map.of("keys", rows));
            Files.write(file, json, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Prints the keys once, with a curl line for the port the server listens on. */
    public static void printBanner(Network network, int port) {
        var out = new StringBuilder();
        out.append("\n=== Peere sandbox demo network created ===\n");
        for (DemoKey key : network.keys()) {
            out.append(String.format(
                    "  %-26s %-9s %-9s %s  %s%n",
                    key.name(), key.role(), key.trustLevel().orElse(""), key.participantId(), key.key()));
        }
        out.append("Keys saved to ").append(network.keysFile().toAbsolutePath()).append(" (mode 0600).\n");
        String basic = network.byRole("merchant", Optional.of("basic")).key();
        String enhanced = network.byRole("merchant", Optional.of("enhanced")).key();
        String base = "http://localhost:" + port;
        out.append("Try:\n  curl -s " + base + "/v1/merchant -H \"Authorization: Bearer ")
                .append(basic)
                .append("\"\n");
        out.append("Find a demo customer's banks (also ?phone=%2B2348012345678):\n  curl -s \"" + base
                        + "/v1/customer/banks?email="
                        + DEMO_CUSTOMERS.getFirst().get(2) + "\" -H \"Authorization: Bearer ")
                .append(basic)
                .append("\"\n");
        out.append("By device (enhanced merchants):\n  curl -s " + base
                        + "/v1/customer/device/lookup -H \"Authorization: Bearer ")
                .append(enhanced)
                .append("\" -H 'Content-Type: application/json' -d '{\"deviceId\":\"" + DEMO_DEVICE + "\"}'\n");
        out.append(
                "The demo bank answers intents and bills by itself: the whole billing flow is in docs/sandbox.md.\n\n");
        System.out.print(out);
    }
}
