package dev.ordergate.masterdata;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configured substitution table.
 *
 * @param table one row per product that may be substituted: its SKU and its substitutes, best first (a list rather
 *              than a map, because Spring drops the underscore of map keys such as FURN_8900)
 */
@ConfigurationProperties("ordergate.substitutions")
public record SubstitutionProperties(List<Row> table) {

    public record Row(String sku, List<String> substitutes) {
    }
}
