package dev.ordergate.sales;

import java.util.List;

/** The ERP's receipts for one return, e.g. {@code WH/IN/00006}; one per delivery the goods came from. */
public record ReturnRef(String returnRef, List<String> receipts) {

    public ReturnRef {
        receipts = List.copyOf(receipts);
    }
}
