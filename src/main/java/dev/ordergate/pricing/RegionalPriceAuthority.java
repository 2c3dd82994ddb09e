package dev.ordergate.pricing;

import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.PeerRefusedException;
import dev.ordergate.region.CurrentRegion;
import dev.ordergate.region.Regions;
import feign.FeignException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pricing authority of the order's region, behind the one port every gate and review uses: the region's own
 * pricing engine when its {@code pricing-authority} is {@code pricing-engine} (at its {@code pricing-engine-url}),
 * else the other authority (Odoo's pricelists, in the region's company).
 */
@Primary
@Component
class RegionalPriceAuthority implements PriceAuthority {

    /** The peer's name in refusals (order.RefusalCodes) and retry profiles. */
    static final String PEER = "pricing-engine";

    /** A regional pricing engine (contract: {@code contracts/pricing-engine.yaml}); the URI names which one. */
    @FeignClient(name = PEER, contextId = "regional-pricing-engine", url = "${ordergate.sync.pricing-engine.url}")
    interface PricingEngineApi {

        @GetMapping("/v1/agreements")
        Feed agreements(URI engine);
    }

    record Feed(List<Agreement> agreements) {
    }

    record Agreement(String pricelist, String currency, String customerRef, String sku, BigDecimal minQuantity,
                     BigDecimal price, LocalDate validFrom, LocalDate validTo) {

        boolean appliesTo(Order order, OrderLine line, LocalDate today) {
            return line.sku().equals(sku) && order.currency().equals(currency)
                    && (customerRef == null || customerRef.equals(order.customerRef()))
                    && (minQuantity == null || minQuantity.compareTo(line.quantity()) <= 0)
                    && (validFrom == null || !validFrom.isAfter(today)) && (validTo == null || !validTo.isBefore(today));
        }
    }

    /** The customer's own agreement before a general one, then the highest quantity tier reached. */
    private static final Comparator<Agreement> BEST = Comparator
            .comparing((Agreement a) -> a.customerRef() != null)
            .thenComparing(a -> a.minQuantity() == null ? BigDecimal.ZERO : a.minQuantity());

    private final PriceAuthority companyPricelists;
    private final PricingEngineApi engines;
    private final Regions regions;
    private final Clock clock;

    RegionalPriceAuthority(List<PriceAuthority> others, PricingEngineApi engines, Regions regions,
                           ObjectProvider<Clock> clock) {
        // Spring leaves this bean out of the list: the one left is the Odoo adapter.
        this.companyPricelists = others.stream().filter(a -> a != this).findFirst()
                .orElseThrow(() -> new IllegalStateException("No pricing authority besides the regional one"));
        this.engines = engines;
        this.regions = regions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public Map<String, BigDecimal> unitPrices(Order order) {
        var engine = regions.pricingEngineOf(CurrentRegion.id());
        if (engine.isEmpty()) {
            return companyPricelists.unitPrices(order);
        }
        List<Agreement> agreements = agreements(engine.get());
        LocalDate today = LocalDate.now(clock);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            // A line the engine has no agreement for gets no price: the gate sends it to the pricing stewards.
            agreements.stream().filter(a -> a.appliesTo(order, line, today)).max(BEST)
                    .ifPresent(best -> prices.put(line.lineRef(), best.price()));
        }
        return prices;
    }

    private List<Agreement> agreements(URI engine) {
        try {
            Feed feed = engines.agreements(engine);
            return feed == null || feed.agreements() == null ? List.of()
                    : feed.agreements().stream().filter(Objects::nonNull).toList();
        } catch (FeignException.UnprocessableEntity refused) {
            throw PeerRefusedException.answered(PEER, refused.status(), refused.contentUTF8(), refused);
        }
    }
}
