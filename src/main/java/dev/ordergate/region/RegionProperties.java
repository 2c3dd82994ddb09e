package dev.ordergate.region;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The regions, by id ({@code ordergate.regions.<id>}). Which region an order belongs to is decided by
 * {@code bpmn/order-region.dmn}; every region it names must be configured here.
 */
@ConfigurationProperties("ordergate")
public record RegionProperties(Map<String, Region> regions) {

    public RegionProperties {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    /**
     * One regional business unit.
     *
     * @param company           the Odoo company (res.company id) its orders live in; empty for the API user's own
     *                          company, which is how a single-company Odoo is used
     * @param currency          the currency its orders are priced and invoiced in
     * @param pricingAuthority  {@code odoo} (the company's pricelists) or {@code pricing-engine}
     * @param taxService        {@code odoo} (the company's taxes) or {@code tax-service}
     * @param warehouses        the Odoo warehouse codes it ships from
     * @param reviewerGroups    the groups that review its orders' exceptions
     * @param mode              {@code live}, or {@code shadow}: validated and reported, never committed to Odoo
     */
    public record Region(Integer company, String currency, String pricingAuthority, String taxService,
                         List<String> warehouses, List<String> reviewerGroups, Mode mode) {

        public Region {
            warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
            reviewerGroups = reviewerGroups == null ? List.of() : List.copyOf(reviewerGroups);
            mode = mode == null ? Mode.LIVE : mode;
        }
    }

    public enum Mode { LIVE, SHADOW }
}
