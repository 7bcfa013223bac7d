package network.peere.core.ports.in.recurring;

/**
 * The renewal engine, run periodically by the server (and by tests on their clock): sends the pre-debit notices that
 * are due, submits each due period as an ordinary billing request, and retries declined runs the schedule allows.
 * Safe with several processes on one database and across a crash mid-run: a period is claimed by a unique key in the
 * transaction that submits its bill, so it is charged at most once.
 */
public interface RunRenewals {
    /** @return how many notices, submissions and retries it made (at most about {@code limit} of each) */
    int runDue(int limit);
}
