package dev.ordergate.sales;

/** The sales order as the ERP names it, e.g. {@code S00025}. */
public record SalesOrderRef(String name) {
}
