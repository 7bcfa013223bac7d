package network.peere.http.ratelimit;

import io.javalin.http.HandlerType;
import java.util.Set;
import network.peere.core.domain.ratelimit.RateClass;

/**
 * The rate class of a route, by method and route template (docs/api.md, "Rate limits", lists them): reads are
 * {@code READ}; the batch routes of the public API are {@code BATCH}, whether or not they exist yet, so each picks its
 * class up when it is added, and Peere's own batch form of the bank's answer; every other write is {@code STANDARD}.
 */
public final class RouteClasses {
    static final Set<String> BATCH_ROUTES = Set.of(
            "POST /v1/provider/merchants",
            "POST /v1/bank/customers",
            "POST /v1/billing/intent",
            "POST /v1/merchant/billing/intent",
            "POST /v1/customer/bill",
            "POST /v1/merchant/customer/bill",
            "POST /v1/billing/bank-responses");

    private RouteClasses() {}

    public static RateClass of(HandlerType method, String routeTemplate) {
        if (method.equals(HandlerType.GET) || method.equals(HandlerType.HEAD)) {
            return RateClass.READ;
        }
        if (BATCH_ROUTES.contains(method.name() + " " + routeTemplate)) {
            return RateClass.BATCH;
        }
        return RateClass.STANDARD;
    }
}
