package dev.ordergate.masterdata;

/**
 * A sellable product; {@code uom} is the unit of measure name as the system of record spells it, {@code category}
 * the product category's own name (e.g. "Office Furniture").
 */
public record Product(String sku, String name, String uom, boolean storable, String category) {
}
