package dev.ordergate.masterdata;

import dev.ordergate.order.Order;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The system of record for customers and products, asked in our own references. */
public interface MasterData {

    /** The customer with this reference, if exactly one has it. */
    default Optional<Customer> findCustomer(String customerRef) {
        var found = findCustomers(customerRef);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Every customer carrying the reference (at most two: more than one is already a problem for a person). */
    List<Customer> findCustomers(String customerRef);

    /** The products known for the given SKUs, keyed by SKU; unknown SKUs are absent. */
    Map<String, Product> findProducts(Collection<String> skus);

    /**
     * Resolves the order's customer and every SKU afresh (one read each, not one per line) and keeps the result
     * beside the order: the master-data gate's look-up.
     */
    ResolvedOrder resolve(Order order);

    /**
     * The order as {@link #resolve} kept it, without asking the system of record again; SKUs the order gained since
     * (a substitute) are resolved in one read and kept too. An order never resolved is resolved now.
     */
    ResolvedOrder resolved(Order order);
}
