package network.peere.app.testing;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.IntentType;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.AnswerIntents;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.in.billing.SendBillingIntents;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.participant.RegisterParticipant;

/** A sandbox network built through the core's use cases: a bank, a merchant, and approved recurring agreements. */
public final class TestNetwork {
    private static final Actor TEST = Actor.system("test network");

    private TestNetwork() {}

    public static Participant bank(Peere peere) {
        return register(peere, new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE));
    }

    public static Participant merchant(Peere peere, TrustLevel level) {
        return register(
                peere,
                new Profile.MerchantProfile(
                        Optional.empty(),
                        new MerchantTrust(MerchantTrust.Trusted.TRUSTED, level, MerchantTrust.DeviceLookup.ENABLED),
                        ContactDetails.none()));
    }

    public static Participant register(Peere peere, Profile profile) {
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(Mode.SANDBOX, "Name", "x@example.test", profile, TEST));
        return ((RegisterParticipant.Registration.Registered) outcome).participant();
    }

    /** A principal as an authenticated key of that participant would give (the key id is never looked up). */
    public static Principal principal(Participant participant) {
        return new Principal(participant.id(), Mode.SANDBOX, participant.role(), new ApiKeyId("key_test"));
    }

    /** A sandbox e-mail lookup by the merchant that finds the customer (a cast that fails the test otherwise). */
    public static LookUpCustomer.Lookup.Found foundByEmail(Peere peere, Participant merchant, String email) {
        return (LookUpCustomer.Lookup.Found) peere.lookUpCustomer()
                .lookUp(new LookUpCustomer.Query(
                        Mode.SANDBOX,
                        merchant.id(),
                        merchant.role(),
                        Optional.empty(),
                        LookUpCustomer.Kind.EMAIL,
                        email));
    }

    /**
     * One customer per e-mail at the bank, each asked for a recurring agreement in NGN by the merchant and approved
     * by the bank as asked; answers the agreement phrases in e-mail order.
     */
    public static List<String> approvedAgreements(
            Peere peere, Participant bank, Participant merchant, List<String> emails) {
        List<CustomerDraft> drafts = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            drafts.add(TestCustomers.draft("net" + i, emails.get(i)));
        }
        peere.migrateCustomers().migrate(new MigrateCustomers.Command(Mode.SANDBOX, bank.id(), drafts, TEST));
        List<String> lookupPhrases = new ArrayList<>();
        for (String email : emails) {
            lookupPhrases.add(
                    foundByEmail(peere, merchant, email).banks().getFirst().phrase());
        }
        var sent = (Result.Ok<List<SendBillingIntents.Item>>) peere.sendBillingIntents()
                .send(new SendBillingIntents.Command(
                        Caller.of(principal(merchant)),
                        lookupPhrases,
                        IntentType.RECURRING,
                        Currency.getInstance("NGN"),
                        "plan",
                        Optional.empty(),
                        Map.of(),
                        Optional.empty()));
        List<String> agreementPhrases = new ArrayList<>();
        for (var item : sent.value()) {
            Agreement proposed = ((Result.Ok<Agreement>) item.result()).value();
            peere.answerIntents()
                    .respond(new AnswerIntents.Response(
                            principal(bank),
                            proposed.intentReference(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            CustomerDecision.APPROVE_RECURRING,
                            Optional.empty(),
                            false));
            agreementPhrases.add(proposed.agreementPhrase());
        }
        return agreementPhrases;
    }
}
