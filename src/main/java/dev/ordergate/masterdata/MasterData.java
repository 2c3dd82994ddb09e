package dev.ordergate.masterdata;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The system of record for customers and products, asked in our own references. */
public interface MasterData {

    Optional<Customer> findCustomer(String customerRef);

    /** The products known for the given SKUs, keyed by SKU; unknown SKUs are absent. */
    Map<String, Product> findProducts(Collection<String> skus);
}
