package network.peere.core.domain.shared;

/** Offset paging with the network-wide bounds (spec/decisions.md, "Pagination"). */
public record PageRequest(int offset, int limit) {
    public static final int LIMIT_MAX = 100;
    public static final int LIMIT_DEFAULT = 20;

    public PageRequest {
        Invariants.requireArgument(offset, offset >= 0, "offset must be >= 0");
        Invariants.requireArgument(limit, limit >= 1 && limit <= LIMIT_MAX, "limit must be 1.." + LIMIT_MAX);
    }

    public static PageRequest first() {
        return new PageRequest(0, LIMIT_DEFAULT);
    }
}
