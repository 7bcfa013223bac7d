package network.peere.core.ports.in.billing;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.agreement.limits.LimitCheck;

/** What a billing use case answers: its value, or why it did nothing (and for a limit, which one and what remains). */
public sealed interface Result<T> {
    record Ok<T>(T value) implements Result<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(BillingProblem problem, Optional<LimitCheck.Verdict.Exceeded> limit) implements Result<T> {
        public Refused {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(limit, "limit");
        }

        public Refused(BillingProblem problem) {
            this(problem, Optional.empty());
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> refused(BillingProblem problem) {
        return new Refused<>(problem);
    }

    /** The same refusal, typed for another value. */
    default <U> Result<U> refusalAs() {
        if (this instanceof Refused<T> refused) {
            return new Refused<>(refused.problem(), refused.limit());
        }
        throw new IllegalStateException("not a refusal");
    }
}
