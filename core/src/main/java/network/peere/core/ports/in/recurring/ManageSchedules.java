package network.peere.core.ports.in.recurring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.recurring.Cadence;
import network.peere.core.domain.recurring.Run;
import network.peere.core.domain.recurring.Schedule;
import network.peere.core.domain.recurring.ScheduleStatus;
import network.peere.core.domain.shared.Metadata;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;

/**
 * A merchant (or its provider, naming it) sets up recurring schedules on its {@code approve_recurring} agreements
 * (public docs M7–M11, plus cancel), reads them with their runs, and pauses, resumes or cancels them. Needs trust level
 * {@code enhanced}.
 */
public interface ManageSchedules {
    Result<Schedule> create(Create command);

    Result<Page<Schedule>> list(Caller caller, Query query, PageRequest page);

    /** The schedule and its latest runs, latest first. */
    Result<Detail> get(Caller caller, String scheduleId);

    Result<Schedule> pause(Caller caller, String scheduleId);

    /** Periods that fell due while paused are skipped; the next one due from now is the next billing date. */
    Result<Schedule> resume(Caller caller, String scheduleId);

    Result<Schedule> cancel(Caller caller, String scheduleId);

    /** When period 0 is due: now, a local date (its start in the bank's zone), or an instant. */
    sealed interface Start {
        record Now() implements Start {}

        record OnDate(LocalDate date) implements Start {}

        record At(Instant instant) implements Start {}
    }

    record Create(
            Caller caller,
            String customerId,
            String agreementPhrase,
            BigDecimal amount,
            Optional<Currency> currency,
            Optional<String> description,
            Cadence cadence,
            Start start,
            List<Integer> noticeOffsetDays,
            int retries,
            Optional<Metadata> metadata,
            Ends ends) {
        public Create {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(agreementPhrase, "agreementPhrase");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(cadence, "cadence");
            Objects.requireNonNull(start, "start");
            noticeOffsetDays = List.copyOf(noticeOffsetDays);
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(ends, "ends");
        }
    }

    /**
     * M7's {@code maxBillings} and {@code endDate}: the schedule completes after that many periods, or before the
     * first period due after the end (a local date counts in full, in the bank's zone). Refused with {@code
     * invalid_end} when the end is before the start.
     */
    record Ends(Optional<Long> maxBillings, Optional<Start> endDate) {
        public static final Ends NEVER = new Ends(Optional.empty(), Optional.empty());

        public Ends {
            Objects.requireNonNull(maxBillings, "maxBillings");
            Objects.requireNonNull(endDate, "endDate");
            if (endDate.filter(Start.Now.class::isInstance).isPresent()) {
                throw new IllegalArgumentException("an end is a date or an instant");
            }
        }
    }

    record Query(Optional<String> customerId, Optional<ScheduleStatus> status) {
        public Query {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(status, "status");
        }

        public static Query all() {
            return new Query(Optional.empty(), Optional.empty());
        }
    }

    record Detail(Schedule schedule, String agreementPhrase, List<Run> runs) {
        public static final int RUNS_SHOWN_MAX = 100;

        public Detail {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(agreementPhrase, "agreementPhrase");
            runs = List.copyOf(runs);
        }
    }
}
