package dev.ordergate.masterdata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Substitutes from a configured table ({@code ordergate.substitutions.table}): the distributor's own list of
 * equivalent products. Odoo keeps product alternatives only with its eCommerce module (website_sale), which the
 * servers we recorded do not have, so the table is the master data here.
 */
@Component
class SubstitutionTable implements Substitutes {

    private final Map<String, List<String>> substitutes = new LinkedHashMap<>();

    SubstitutionTable(SubstitutionProperties settings) {
        if (settings.table() != null) {
            settings.table().forEach(row -> substitutes.put(row.sku(), List.copyOf(row.substitutes())));
        }
    }

    @Override
    public Map<String, List<String>> of(Collection<String> skus) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        skus.stream().distinct().filter(substitutes::containsKey).forEach(sku -> found.put(sku, substitutes.get(sku)));
        return found;
    }
}
