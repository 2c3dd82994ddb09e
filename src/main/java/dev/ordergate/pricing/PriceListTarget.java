package dev.ordergate.pricing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where price lists are kept for selling (Odoo's pricelists and their items). */
public interface PriceListTarget {

    /** The SKUs among these that the target knows. */
    Set<String> knownProducts(Collection<String> skus);

    /** The customer references among these that the target knows. */
    Set<String> knownCustomers(Collection<String> customerRefs);

    /** The currency codes among these that the target knows. */
    Set<String> knownCurrencies(Collection<String> currencies);

    /** The currency of each existing price list among these names; absent names do not exist yet. */
    Map<String, String> priceListCurrencies(Collection<String> pricelists);

    /** The fixed-price product items of these price lists. */
    List<PriceItem> items(Collection<String> pricelists);

    /** Creates the missing price lists (name → currency); creates nothing that exists. */
    void ensurePriceLists(Map<String, String> currencyByPricelist);

    /** Makes each customer buy on the given price list; writes only customers on another one. Returns how many changed. */
    int assignPriceLists(Map<String, String> pricelistByCustomer);

    /**
     * Applies a chunk of changes in as few calls as the target allows, idempotently: it reads the chunk's items
     * first and writes only what does not already say the planned terms, so a chunk that is applied again (after
     * a lost answer or a crash before our checkpoint) writes nothing twice. Returns how many items it wrote.
     */
    int apply(List<PriceItemChange> chunk);
}
