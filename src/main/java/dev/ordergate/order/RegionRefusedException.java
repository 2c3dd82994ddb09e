package dev.ordergate.order;

/**
 * An order its region does not take, found at intake before anything is written: the channel is not bound to the
 * region ({@code ordergate.regions.<id>.channels}), or the order is not in the region's currency.
 */
public class RegionRefusedException extends RuntimeException {

    /** Why the region refuses the order; each is its own problem type at the API. */
    public enum Reason { CHANNEL_NOT_BOUND, CURRENCY_NOT_THE_REGIONS }

    private final Reason reason;
    private final String region;

    public RegionRefusedException(Reason reason, String region, String message) {
        super(message);
        this.reason = reason;
        this.region = region;
    }

    public Reason reason() {
        return reason;
    }

    public String region() {
        return region;
    }
}
