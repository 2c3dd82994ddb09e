package dev.ordergate.fulfillment;

import java.util.List;

/** Published each time a gate decides about an order (passed, or stopped with reasons), for ops to count. */
public record GateChecked(String orderId, String gate, boolean passed, List<String> reasons) {

    public GateChecked {
        reasons = List.copyOf(reasons);
    }
}
