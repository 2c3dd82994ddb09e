package dev.ordergate.ops;

/**
 * The job priorities the process models declare ({@code camunda:jobPriority} on each process) and the job executor
 * acquires by: an order's steps before a sync's, a sync's before housekeeping. Orders are what a customer waits for;
 * a price list or a stock comparison that finishes a minute later harms nobody.
 */
public final class JobPriorities {

    /** order-fulfillment, order-return and the refusal review they call. */
    public static final long ORDERS = 100;
    /** price-list-sync, master-data-sync, inventory-sync. */
    public static final long SYNC = 10;
    /** The engine's history cleanup (and any job no model gives a priority). */
    public static final long HOUSEKEEPING = 0;
    /** Jobs below this priority are bulk work: their Odoo calls go in the bulk lane. */
    static final long BULK_BELOW = 50;

    private JobPriorities() {
    }

    static boolean bulk(long priority) {
        return priority < BULK_BELOW;
    }
}
