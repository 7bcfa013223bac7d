package network.peere.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.ports.in.money.ReconcileLedger;
import network.peere.http.support.Envelope;

/**
 * Refunds, settlements, payout accounts, fee schedules and the reconciliation as the wire shows them. Amounts are
 * major-unit numbers of their currency (decisions.md, "Amounts"), except fee schedules, which are in minor units
 * because one schedule serves every currency.
 */
final class MoneyJson {
    /** Digits of an account number left visible; the rest are masked. */
    static final int ACCOUNT_DIGITS_SHOWN = 4;

    private MoneyJson() {}

    static Map<String, Object> refund(Refund refund, Money originalAmount, ObjectMapper mapper) {
        Map<String, Object> data = Envelope.object();
        data.put("refundId", refund.id());
        data.put("originalTransactionId", refund.chargeId());
        data.put("amount", refund.amount().toMajor());
        data.put("originalAmount", originalAmount.toMajor());
        data.put("currency", refund.amount().currency().getCurrencyCode());
        data.put("status", BillingJson.wire(refund.status()));
        data.put("refundType", BillingJson.wire(refund.type()));
        data.put("reason", refund.reason());
        data.put("initiatedBy", refund.initiatedBy().value());
        data.put("feeReturned", refund.feeReturned().toMajor());
        data.put("bankReference", refund.bankReference().orElse(null));
        data.put("failureReason", refund.failureReason().orElse(null));
        data.put("metadata", BillingJson.metadata(refund.metadata(), mapper));
        data.put("processedAt", refund.processedAt().orElse(null));
        data.put("createdAt", refund.createdAt());
        data.put("updatedAt", refund.updatedAt());
        return data;
    }

    /** A settlement without its lines (lists). */
    static Map<String, Object> settlementSummary(Settlement settlement) {
        Currency currency = settlement.currency();
        Map<String, Object> data = Envelope.object();
        data.put("settlementId", settlement.id());
        data.put("entityId", settlement.merchantId().value());
        data.put("currency", currency.getCurrencyCode());
        data.put("windowStart", settlement.windowStart());
        data.put("windowEnd", settlement.windowEnd());
        data.put("charges", major(settlement.chargesMinor(), currency));
        data.put("refunds", major(settlement.refundsMinor(), currency));
        data.put("fees", major(settlement.feesMinor(), currency));
        data.put("carriedIn", major(settlement.carriedInMinor(), currency));
        data.put("net", major(settlement.netMinor(), currency));
        data.put("payout", major(settlement.payoutMinor(), currency));
        data.put("carriedOut", major(settlement.carriedOutMinor(), currency));
        data.put("payoutStatus", BillingJson.wire(settlement.payoutStatus()));
        data.put(
                "payoutAccount",
                settlement.payoutAccount().map(MoneyJson::payoutAccount).orElse(null));
        data.put("settledAt", settlement.settledAt());
        return data;
    }

    static Map<String, Object> settlement(Settlement settlement) {
        Map<String, Object> data = settlementSummary(settlement);
        data.put(
                "lines",
                settlement.lines().stream()
                        .map(line -> line(line, settlement.currency()))
                        .toList());
        data.put(
                "bankPositions",
                settlement.bankPositions().entrySet().stream()
                        .map(position -> {
                            Map<String, Object> row = Envelope.object();
                            row.put("bankId", position.getKey().value());
                            row.put("net", major(position.getValue(), settlement.currency()));
                            return row;
                        })
                        .toList());
        return data;
    }

    private static Map<String, Object> line(SettlementLine line, Currency currency) {
        Map<String, Object> data = Envelope.object();
        data.put("journalTransactionId", line.journalTransactionId());
        data.put("kind", BillingJson.wire(line.kind()));
        data.put("reference", line.reference());
        data.put("gross", major(line.grossMinor(), currency));
        data.put("fee", major(line.feeMinor(), currency));
        data.put("net", major(line.netMinor(), currency));
        data.put("bankId", line.bankId().map(id -> id.value()).orElse(null));
        data.put("occurredAt", line.occurredAt());
        return data;
    }

    static Map<String, Object> payout(Settlement settlement) {
        Map<String, Object> data = Envelope.object();
        data.put("settlementId", settlement.id());
        data.put("status", BillingJson.wire(settlement.payoutStatus()));
        data.put("amount", major(settlement.payoutMinor(), settlement.currency()));
        data.put("currency", settlement.currency().getCurrencyCode());
        data.put(
                "payoutAccount",
                settlement.payoutAccount().map(MoneyJson::payoutAccount).orElse(null));
        return data;
    }

    /** The account number is never shown whole, not even to the merchant that set it: it is a payment credential. */
    static Map<String, Object> payoutAccount(PayoutAccount account) {
        Map<String, Object> data = Envelope.object();
        data.put("bankName", account.bankName());
        data.put("accountNumber", maskAccountNumber(account.accountNumber()));
        data.put("accountName", account.accountName());
        return data;
    }

    static String maskAccountNumber(String number) {
        int shown = Math.min(ACCOUNT_DIGITS_SHOWN, number.length() / 2);
        return "*".repeat(number.length() - shown) + number.substring(number.length() - shown);
    }

    static Map<String, Object> feeSchedule(String owner, FeeSchedule schedule) {
        Map<String, Object> data = Envelope.object();
        data.put("owner", owner);
        data.putAll(feeTerms(schedule));
        return data;
    }

    static Map<String, Object> feeTerms(FeeSchedule schedule) {
        Map<String, Object> data = Envelope.object();
        data.put("basisPoints", schedule.basisPoints());
        data.put("fixedMinor", schedule.fixedMinor());
        data.put("minimumMinor", schedule.minimumMinor());
        data.put("maximumMinor", schedule.maximumMinor().orElse(null));
        return data;
    }

    static Map<String, Object> reconciliation(ReconcileLedger.Reconciliation reconciliation) {
        Map<String, Object> totals = new java.util.TreeMap<>();
        reconciliation
                .journalTotals()
                .forEach((currency, total) -> totals.put(currency.getCurrencyCode(), major(total, currency)));
        List<Map<String, Object>> mismatches =
                reconciliation.mismatches().stream().map(MoneyJson::mismatch).toList();
        Map<String, Object> data = Envelope.object();
        data.put("balanced", reconciliation.balanced());
        data.put("journalTotals", totals);
        data.put("mismatches", mismatches);
        return data;
    }

    private static Map<String, Object> mismatch(ReconcileLedger.Mismatch mismatch) {
        Map<String, Object> data = Envelope.object();
        data.put("account", mismatch.account());
        data.put("owner", mismatch.owner());
        data.put("currency", mismatch.currency().getCurrencyCode());
        data.put("ledger", major(mismatch.ledgerMinor(), mismatch.currency()));
        data.put("expected", major(mismatch.expectedMinor(), mismatch.currency()));
        return data;
    }

    static BigDecimal major(long minor, Currency currency) {
        return new Money(minor, currency).toMajor();
    }
}
