package dev.ordergate.region;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The regions, by id ({@code ordergate.regions.<id>}). Which region an order belongs to is decided by
 * {@code bpmn/order-region.dmn}; every region it names must be configured here.
 */
@ConfigurationProperties("ordergate")
public record RegionProperties(Map<String, Region> regions) {

    /** The {@code pricing-authority} of a region that has its own pricing engine. */
    public static final String PRICING_ENGINE = "pricing-engine";

    public RegionProperties {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    /**
     * One regional business unit.
     *
     * @param company           the Odoo company (res.company id) its orders live in; empty for the API user's own
     *                          company, which is how a single-company Odoo is used
     * @param currency          the currency its orders are priced and invoiced in
     * @param pricingAuthority  {@code odoo} (the company's pricelists) or {@code pricing-engine} (its own engine)
     * @param pricingEngineUrl  the region's pricing engine, when its pricing authority is {@code pricing-engine}
     * @param taxService        what taxes its sales orders and invoices: {@code odoo} (its company's own taxes)
     * @param taxServiceUrl     the tax service the tax gate asks for its orders; empty for the shared one
     *                          ({@code ordergate.tax.url})
     * @param warehouses        the Odoo warehouse codes it ships from
     * @param wmsUrl            the WMS of those warehouses, told of its orders' releases, withdrawals and returns and
     *                          read by its inventory runs; empty for the shared one ({@code ordergate.wms.url})
     * @param reviewerGroups    the groups that review its orders' exceptions
     * @param mode              {@code live}, or {@code shadow}: validated and reported, never committed to Odoo
     * @param channels          the channels that may submit orders into it; empty for every channel
     * @param masterData        where the region's master data differs from the shared settings: its own field owners
     *                          and its own master-data hub
     */
    public record Region(Integer company, String currency, String pricingAuthority, URI pricingEngineUrl,
                         String taxService, URI taxServiceUrl, List<String> warehouses, URI wmsUrl,
                         List<String> reviewerGroups, Mode mode, List<String> channels, MasterData masterData) {

        public Region {
            if (PRICING_ENGINE.equals(pricingAuthority) && pricingEngineUrl == null) {
                throw new IllegalArgumentException("pricing-authority: pricing-engine needs the region's pricing-engine-url");
            }
            warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
            reviewerGroups = reviewerGroups == null ? List.of() : List.copyOf(reviewerGroups);
            mode = mode == null ? Mode.LIVE : mode;
            channels = channels == null ? List.of() : List.copyOf(channels);
            masterData = masterData == null ? new MasterData(null, null) : masterData;
        }

        /** Whether the region's prices come from its own pricing engine rather than its Odoo company's pricelists. */
        public boolean pricedByEngine() {
            return PRICING_ENGINE.equals(pricingAuthority);
        }

        /** Whether orders of this channel may enter the region. */
        public boolean admits(String channel) {
            return channels.isEmpty() || channels.contains(channel);
        }
    }

    /**
     * A region's own master-data settings.
     *
     * @param owners per entity, per field, the system of record in this region ({@code odoo}, {@code crm},
     *               {@code finance}, {@code pricing-engine}), in place of {@code ordergate.sync.master-data.ownership}
     * @param hubUrl the master-data hub its runs read changes from and write updates to; empty for the shared one
     *               ({@code ordergate.sync.master-data.hub.url})
     */
    public record MasterData(Map<String, Map<String, String>> owners, URI hubUrl) {

        public MasterData {
            owners = owners == null ? Map.of() : Map.copyOf(owners);
        }

        /** The region's owner of the field, if the region names one. */
        public java.util.Optional<String> owner(String entity, String field) {
            return java.util.Optional.ofNullable(owners.getOrDefault(entity, Map.of()).get(field));
        }
    }

    public enum Mode { LIVE, SHADOW }
}
