package dev.ordergate.masterdata;

/** A sellable product; {@code uom} is the unit of measure name as the system of record spells it. */
public record Product(String sku, String name, String uom, boolean storable) {
}
