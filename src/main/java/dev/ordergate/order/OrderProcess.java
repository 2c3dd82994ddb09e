package dev.ordergate.order;

/**
 * The order-fulfillment process as the code names it: its key and the variable that carries the order's id. Here,
 * below every capability, so the delegates read the id without knowing the intake that starts the process.
 */
public final class OrderProcess {

    public static final String KEY = "order-fulfillment";
    public static final String ORDER_ID = "orderId";
    /** The order's region (region.Regions reads it by this name as Regions.VARIABLE). */
    public static final String REGION = "region";

    private OrderProcess() {
    }
}
