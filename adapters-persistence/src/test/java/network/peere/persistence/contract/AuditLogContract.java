package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.audit.AuditEntry;
import network.peere.core.domain.audit.AuditFilter;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.AuditLog;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} does; one subclass per implementation. */
public abstract class AuditLogContract {
    private static final ParticipantId BANK = new ParticipantId("bank_1");
    private static final ParticipantId MERCHANT = new ParticipantId("mer_1");
    private static final Actor OPERATOR =
            Actor.of(new Principal(new ParticipantId("op_1"), SANDBOX, Role.OPERATOR, new ApiKeyId("key_op")));

    private PeereStores stores;
    private AuditLog log;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        log = stores.auditLog();
    }

    private static AuditEntry entry(String id, Mode mode, ParticipantId subject, AuditAction action, Instant at) {
        return new AuditEntry(id, mode, OPERATOR, subject, action, Map.of("k", "v"), at);
    }

    private List<String> ids(Mode mode, AuditFilter filter) {
        return log.list(mode, filter, PageRequest.first()).items().stream()
                .map(AuditEntry::id)
                .toList();
    }

    @Test
    void reads_back_every_field_with_details_in_order() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", "Africa/Lagos");
        details.put("to", "Europe/London");
        details.put("odd & = % chars", "naïve ✓ a=b&c");
        details.put("empty", "");
        var cli = new AuditEntry(
                "aud_1", SANDBOX, Actor.cli("root"), BANK, AuditAction.BANK_TIME_ZONE_CHANGED, details, T0);
        var api = entry("aud_2", SANDBOX, BANK, AuditAction.PARTICIPANT_SUSPENDED, T0.plusSeconds(1));
        log.append(cli);
        log.append(api);

        var page = log.list(SANDBOX, AuditFilter.any(), PageRequest.first());
        assertThat(page.items()).containsExactly(api, cli);
        assertThat(page.items().get(1).details().keySet()).containsExactly("from", "to", "odd & = % chars", "empty");
    }

    @Test
    void never_shows_one_modes_entries_in_the_other() {
        log.append(entry("aud_1", SANDBOX, BANK, AuditAction.PARTICIPANT_CREATED, T0));
        assertThat(ids(LIVE, AuditFilter.any())).isEmpty();
        assertThat(log.list(LIVE, AuditFilter.any(), PageRequest.first()).total())
                .isZero();
    }

    @Test
    void filters_by_subject_action_and_half_open_time_range() {
        log.append(entry("aud_1", SANDBOX, BANK, AuditAction.PARTICIPANT_CREATED, T0));
        log.append(entry("aud_2", SANDBOX, MERCHANT, AuditAction.PARTICIPANT_CREATED, T0.plusSeconds(10)));
        log.append(entry("aud_3", SANDBOX, MERCHANT, AuditAction.MERCHANT_TRUST_CHANGED, T0.plusSeconds(20)));

        assertThat(ids(SANDBOX, AuditFilter.about(MERCHANT))).containsExactly("aud_3", "aud_2");
        assertThat(ids(
                        SANDBOX,
                        new AuditFilter(
                                Optional.empty(),
                                Optional.of(AuditAction.PARTICIPANT_CREATED),
                                Optional.empty(),
                                Optional.empty())))
                .containsExactly("aud_2", "aud_1");
        assertThat(ids(
                        SANDBOX,
                        new AuditFilter(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(T0.plusSeconds(10)),
                                Optional.of(T0.plusSeconds(20)))))
                .as("from is inclusive, to exclusive")
                .containsExactly("aud_2");
    }

    @Test
    void pages_newest_first_with_the_total() {
        for (int i = 1; i <= 5; i++) {
            log.append(entry("aud_" + i, SANDBOX, BANK, AuditAction.PARTICIPANT_UPDATED, T0.plusSeconds(i)));
        }
        var second = log.list(SANDBOX, AuditFilter.any(), new PageRequest(2, 2));
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.items()).extracting(AuditEntry::id).containsExactly("aud_3", "aud_2");
        var pastTheEnd = log.list(SANDBOX, AuditFilter.any(), new PageRequest(10, 2));
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(5);
    }

    @Test
    void an_entry_rolls_back_with_its_transaction() {
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    log.append(entry("aud_1", SANDBOX, BANK, AuditAction.PARTICIPANT_SUSPENDED, T0));
                    throw new IllegalStateException("the change failed");
                }))
                .hasMessage("the change failed");
        assertThat(ids(SANDBOX, AuditFilter.any())).isEmpty();
    }

    @Test
    void refuses_a_duplicate_id() {
        log.append(entry("aud_1", SANDBOX, BANK, AuditAction.PARTICIPANT_CREATED, T0));
        assertThatThrownBy(() -> log.append(entry("aud_1", SANDBOX, BANK, AuditAction.PARTICIPANT_CREATED, T0)))
                .isInstanceOf(RuntimeException.class);
    }
}
