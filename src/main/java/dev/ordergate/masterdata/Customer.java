package dev.ordergate.masterdata;

/**
 * A customer as the system of record knows it. {@code segment} is how pricing rules group customers (in Odoo: the
 * customer's pricelist); {@code paymentTerms} is the agreed term's name.
 */
public record Customer(String ref, String name, String countryCode, String paymentTerms, String segment) {
}
