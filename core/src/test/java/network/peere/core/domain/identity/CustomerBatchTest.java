package network.peere.core.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import org.junit.jupiter.api.Test;

class CustomerBatchTest {
    private static final Optional<String> NONE = Optional.empty();
    private static final CustomerId ID = new CustomerId("cus_1");

    @Test
    void failed_counts_duplicates_and_invalid_items_and_successful_the_created_ones() {
        var batch = batch(List.of(
                new BatchItem.Created(0, NONE, NONE, ID, "phr_1"),
                new BatchItem.Duplicate(1, NONE, NONE, ID, "reference"),
                new BatchItem.Invalid(2, NONE, NONE, List.of(new FieldProblem("email", "required", "is required"))),
                new BatchItem.Invalid(3, NONE, NONE, List.of(new FieldProblem("phone", "invalid_format", "bad")))));

        assertThat(batch.summary()).isEqualTo(new CustomerBatch.Summary(4, 1, 3, 1, 2));
        assertThat(batch.created()).hasSize(1);
    }

    @Test
    void items_are_in_request_order_and_a_batch_is_never_empty() {
        assertThatThrownBy(() -> batch(List.of(new BatchItem.Created(1, NONE, NONE, ID, "phr_1"))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> batch(List.of())).isInstanceOf(IllegalStateException.class);
    }

    private static CustomerBatch batch(List<BatchItem> items) {
        return new CustomerBatch("cbt_1", Mode.LIVE, new ParticipantId("bank_1"), items, Instant.EPOCH);
    }
}
