package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.FieldProblem;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.CustomerBatchStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CustomerBatchStore} does; one subclass per implementation. */
public abstract class CustomerBatchStoreContract {
    private static final ParticipantId BANK = new ParticipantId("bank_a");

    private CustomerBatchStore batches;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        batches = freshStores().customerBatches();
    }

    @Test
    void reads_a_batch_back_with_every_kind_of_item_in_order() {
        var batch = new CustomerBatch(
                "cbt_1",
                LIVE,
                BANK,
                List.of(
                        new BatchItem.Created(
                                0, Optional.of("ref-1"), Optional.of("c-1"), new CustomerId("cus_1"), "phr_1"),
                        new BatchItem.Duplicate(
                                1, Optional.of("ref-1"), Optional.empty(), new CustomerId("cus_1"), "reference"),
                        new BatchItem.Invalid(
                                2,
                                Optional.empty(),
                                Optional.of("c=3&x\nnewline é"),
                                List.of(
                                        new FieldProblem("email", "invalid_format", "must be a valid e-mail address"),
                                        new FieldProblem("reference", "required", "is required")))),
                T0);
        batches.insert(batch);

        assertThat(batches.find(LIVE, BANK, "cbt_1")).contains(batch);
        assertThat(batches.find(SANDBOX, BANK, "cbt_1")).isEmpty();
        assertThat(batches.find(LIVE, new ParticipantId("bank_b"), "cbt_1")).isEmpty();
        assertThat(batches.find(LIVE, BANK, "cbt_unknown")).isEmpty();
    }
}
