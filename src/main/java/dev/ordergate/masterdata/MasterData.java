package dev.ordergate.masterdata;

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
}
