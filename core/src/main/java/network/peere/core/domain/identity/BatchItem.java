package network.peere.core.domain.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one item of a customer batch, at its position in the request. {@code reference} and {@code
 * clientRef} are echoed as sent (when they were strings) so a bank can match results to its own rows.
 */
public sealed interface BatchItem {
    int index();

    Optional<String> reference();

    Optional<String> clientRef();

    record Created(
            int index, Optional<String> reference, Optional<String> clientRef, CustomerId customerId, String phrase)
            implements BatchItem {
        public Created {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(phrase, "phrase");
        }
    }

    /** Not created: the bank already has a customer with that {@code reference} (or {@code clientRef}). */
    record Duplicate(
            int index, Optional<String> reference, Optional<String> clientRef, CustomerId existing, String field)
            implements BatchItem {
        public Duplicate {
            Objects.requireNonNull(existing, "existing");
            Objects.requireNonNull(field, "field");
        }
    }

    record Invalid(int index, Optional<String> reference, Optional<String> clientRef, List<FieldProblem> problems)
            implements BatchItem {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid item names at least one problem");
            }
        }
    }
}
