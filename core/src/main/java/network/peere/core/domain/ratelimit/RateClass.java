package network.peere.core.domain.ratelimit;

/**
 * Which bucket a request draws from (spec/decisions.md, "Participants, trust, entities"): reads, batch routes, and
 * every other call. Each API key has one bucket per class, so a burst of reads never starves writes.
 */
public enum RateClass {
    STANDARD,
    BATCH,
    READ
}
