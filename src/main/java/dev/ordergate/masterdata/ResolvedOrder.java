package dev.ordergate.masterdata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An order's customer and products as the system of record had them when the order was resolved (by the master-data
 * gate), kept beside the order so that later steps read them instead of asking again. {@code customers} holds every
 * customer carrying the order's reference (one is right; none or two is a problem for a person); {@code products}
 * the known products by SKU.
 */
public record ResolvedOrder(List<Customer> customers, Map<String, Product> products) {

    public ResolvedOrder {
        customers = List.copyOf(customers);
        products = Map.copyOf(products);
    }

    /**
     * Whether the warehouse keeps stock of the SKU, so it can be short, reserved and released: an unknown SKU counts as
     * stocked (it must be shipped), a known product as its master data says.
     */
    public boolean stocked(String sku) {
        Product product = products.get(sku);
        return product == null || product.storable();
    }

    /** The customer, if exactly one carries the reference. */
    public Optional<Customer> customer() {
        return customers.size() == 1 ? Optional.of(customers.get(0)) : Optional.empty();
    }
}
