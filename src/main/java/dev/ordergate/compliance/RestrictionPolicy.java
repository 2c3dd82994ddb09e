package dev.ordergate.compliance;

import java.util.Optional;

/** Whether a product may be shipped to a country: the analysts' table {@code bpmn/restricted-products.dmn}. */
public interface RestrictionPolicy {

    /** Why the product may not go there without a review; empty when nothing restricts it. */
    Optional<String> restriction(String sku, String productCategory, String shipToCountry);
}
