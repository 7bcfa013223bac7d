package network.peere.persistence.jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.CustomerBatch;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.FieldProblem;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.CustomerBatchStore;

/**
 * Batch results in {@code customer_batches}: the items as one form-encoded line each ({@code kind=created&id=…}), which
 * needs no JSON library and stays readable in a SQL console. A batch is read whole, never queried by item.
 */
final class JdbiCustomerBatchStore implements CustomerBatchStore {
    private static final String INSERT = """
            INSERT INTO customer_batches (id, mode, bank_id, items, processed_at)
            VALUES (:id, :mode, :bank_id, :items, :processed_at)""";

    private static final String FIND = """
            SELECT id, mode, bank_id, items, processed_at FROM customer_batches
             WHERE id = :id AND mode = :mode AND bank_id = :bank_id""";

    private final JdbiTransactor transactor;

    JdbiCustomerBatchStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(CustomerBatch batch) {
        transactor.defer(
                "the customer batch " + batch.id(),
                INSERT,
                insert -> insert.bind("id", batch.id())
                        .bind("mode", batch.mode().name())
                        .bind("bank_id", batch.bankId().value())
                        .bind("items", encode(batch.items()))
                        .bind("processed_at", UtcColumns.toColumn(batch.processedAt())),
                1);
    }

    @Override
    public Optional<CustomerBatch> find(Mode mode, ParticipantId bankId, String batchId) {
        return transactor.query(
                FIND,
                query -> query.bind("id", batchId)
                        .bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .map((row, context) -> new CustomerBatch(
                                row.getString("id"),
                                Mode.valueOf(row.getString("mode")),
                                new ParticipantId(row.getString("bank_id")),
                                decode(row.getString("items")),
                                UtcColumns.instant(row, "processed_at")))
                        .findOne());
    }

    /**
     * One line per item: {@code kind}, then what the kind has, then {@code reference} and {@code clientRef} when the
     * item had them. Written straight into one buffer: a 500-item batch is ≈ 60 KB, encoded in every migration call.
     */
    static String encode(List<BatchItem> items) {
        var out = new StringBuilder(items.size() * 128);
        for (BatchItem item : items) {
            if (!out.isEmpty()) {
                // Form encoding escapes line breaks, so one line is one item.
                out.append('\n');
            }
            switch (item) {
                case BatchItem.Created created -> {
                    FormEncodedDetails.pair(out, "kind", "created");
                    out.append('&');
                    FormEncodedDetails.pair(out, "id", created.customerId().value());
                    out.append('&');
                    FormEncodedDetails.pair(out, "phrase", created.phrase());
                }
                case BatchItem.Duplicate duplicate -> {
                    FormEncodedDetails.pair(out, "kind", "duplicate");
                    out.append('&');
                    FormEncodedDetails.pair(out, "id", duplicate.existing().value());
                    out.append('&');
                    FormEncodedDetails.pair(out, "field", duplicate.field());
                }
                case BatchItem.Invalid invalid -> {
                    FormEncodedDetails.pair(out, "kind", "invalid");
                    for (int i = 0; i < invalid.problems().size(); i++) {
                        FieldProblem problem = invalid.problems().get(i);
                        out.append('&');
                        FormEncodedDetails.pair(out, "p" + i + ".field", problem.field());
                        out.append('&');
                        FormEncodedDetails.pair(out, "p" + i + ".code", problem.code());
                        out.append('&');
                        FormEncodedDetails.pair(out, "p" + i + ".message", problem.message());
                    }
                }
            }
            if (item.reference().isPresent()) {
                out.append('&');
                FormEncodedDetails.pair(out, "reference", item.reference().get());
            }
            if (item.clientRef().isPresent()) {
                out.append('&');
                FormEncodedDetails.pair(out, "clientRef", item.clientRef().get());
            }
        }
        return out.toString();
    }

    static List<BatchItem> decode(String text) {
        List<BatchItem> items = new ArrayList<>();
        for (String line : text.split("\n")) {
            Map<String, String> fields = FormEncodedDetails.decode(line);
            int index = items.size();
            Optional<String> reference = Optional.ofNullable(fields.get("reference"));
            Optional<String> clientRef = Optional.ofNullable(fields.get("clientRef"));
            items.add(
                    switch (fields.get("kind")) {
                        case "created" ->
                            new BatchItem.Created(
                                    index,
                                    reference,
                                    clientRef,
                                    new CustomerId(fields.get("id")),
                                    fields.get("phrase"));
                        case "duplicate" ->
                            new BatchItem.Duplicate(
                                    index, reference, clientRef, new CustomerId(fields.get("id")), fields.get("field"));
                        case "invalid" -> {
                            List<FieldProblem> problems = new ArrayList<>();
                            for (int i = 0; fields.containsKey("p" + i + ".field"); i++) {
                                problems.add(new FieldProblem(
                                        fields.get("p" + i + ".field"),
                                        fields.get("p" + i + ".code"),
                                        fields.get("p" + i + ".message")));
                            }
                            yield new BatchItem.Invalid(index, reference, clientRef, problems);
                        }
                        default ->
                            throw new IllegalStateException(
                                    "unknown batch item kind in the database: " + fields.get("kind"));
                    });
        }
        return items;
    }
}
