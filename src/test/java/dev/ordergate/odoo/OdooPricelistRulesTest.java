package dev.ordergate.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.IntegrationTest;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.sandbox.SandboxFaults;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prices from a pricelist's fixed-price variant rules kept on the node (issue 15): against the sandbox Odoo over HTTP,
 * the rule Odoo's engine would take (the higher quantity break reached, dates that include the order's), one read per
 * pricelist while fresh, and the whole order left to Odoo's onchange as soon as one line's rule is not a fixed price
 * on its variant.
 */
@IntegrationTest
class OdooPricelistRulesTest {

    private static final LocalDateTime NOW = LocalDateTime.now(ZoneOffset.UTC).withNano(0);

    @Autowired
    OdooClient odoo;
    @Autowired
    OdooRecords records;
    @Autowired
    SandboxFaults faults;

    private int chair;
    private int cabinet;
    private int pricelist;

    @BeforeEach
    void aPricelistWithQuantityBreaksAndDates() {
        var products = records.products(List.of("FURN_0269", "E-COM07"));
        chair = products.get("FURN_0269").id();
        cabinet = products.get("E-COM07").id();
        pricelist = odoo.create("product.pricelist", Map.of("name", "Rules " + UUID.randomUUID(), "currency_id", 1));
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        odoo.write("product.pricelist", List.of(pricelist), Map.of("item_ids", List.of(
                rule(chair, 1, "fixed", 120.0, false, false),
                rule(chair, 10, "fixed", 100.0, false, false),
                // ended yesterday: Odoo no longer applies it, however high its break
                rule(chair, 5, "fixed", 50.0, false, yesterday),
                rule(cabinet, 1, "percentage", 0.0, false, false),
                List.of(0, 0, Map.of("applied_on", "3_global", "compute_price", "percentage", "percent_price", 10.0)))));
    }

    @Test
    void theHighestQuantityBreakReachedWithinItsDatesPricesEachLine() {
        OdooPricelistRules rules = new OdooPricelistRules(odoo, Duration.ofHours(1), Clock.systemUTC());

        Optional<Map<String, BigDecimal>> prices = rules.prices(pricelist, lines("1", chair, "12", "2", chair, "6"), NOW);

        assertThat(prices).isPresent();
        assertThat(prices.get().get("1")).isEqualByComparingTo("100.0");
        assertThat(prices.get().get("2")).as("below the 10 break, the ended 5 break left out").isEqualByComparingTo("120.0");
    }

    @Test
    void aLineWhoseRuleComputesItsPriceSendsTheWholeOrderToOdoo() {
        OdooPricelistRules rules = new OdooPricelistRules(odoo, Duration.ofHours(1), Clock.systemUTC());

        assertThat(rules.prices(pricelist, lines("1", chair, "12", "2", cabinet, "1"), NOW)).isEmpty();
    }

    @Test
    void aLineNoVariantRuleCoversIsLeftToOdoosGlobalRule() {
        OdooPricelistRules rules = new OdooPricelistRules(odoo, Duration.ofHours(1), Clock.systemUTC());
        int other = records.products(List.of("FURN_8900")).get("FURN_8900").id();

        assertThat(rules.prices(pricelist, lines("1", other, "1"), NOW)).isEmpty();
    }

    @Test
    void theRulesAreReadOncePerPricelistWhileFreshAndAgainWhenOlderOrForgotten() {
        MovableClock clock = new MovableClock();
        OdooPricelistRules rules = new OdooPricelistRules(odoo, Duration.ofMinutes(10), clock);

        int first = reads(() -> rules.prices(pricelist, lines("1", chair, "1"), NOW));
        int fresh = reads(() -> rules.prices(pricelist, lines("1", chair, "12"), NOW));
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        int stale = reads(() -> rules.prices(pricelist, lines("1", chair, "12"), NOW));
        rules.forget(List.of(pricelist));
        int forgotten = reads(() -> rules.prices(pricelist, lines("1", chair, "12"), NOW));

        assertThat(List.of(first, fresh, stale, forgotten)).containsExactly(1, 0, 1, 1);
    }

    @Test
    void offEveryOrderAsksOdoo() {
        OdooPricelistRules rules = new OdooPricelistRules(odoo, Duration.ZERO, Clock.systemUTC());

        assertThat(reads(() -> assertThat(rules.prices(pricelist, lines("1", chair, "12"), NOW)).isEmpty())).isZero();
    }

    private int reads(Runnable pricing) {
        int before = faults.callCount("product.pricelist.item", "search_read");
        pricing.run();
        return faults.callCount("product.pricelist.item", "search_read") - before;
    }

    private static List<Object> rule(int product, double minQuantity, String compute, double fixed, Object start,
                                     Object end) {
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("applied_on", "0_product_variant");
        vals.put("product_id", product);
        vals.put("min_quantity", minQuantity);
        vals.put("compute_price", compute);
        vals.put("fixed_price", fixed);
        vals.put("date_start", start);
        vals.put("date_end", end);
        return List.of(0, 0, vals);
    }

    private static Map<String, OdooPricelistRules.Line> lines(Object... refProductQuantity) {
        Map<String, OdooPricelistRules.Line> lines = new LinkedHashMap<>();
        for (int i = 0; i < refProductQuantity.length; i += 3) {
            lines.put((String) refProductQuantity[i], new OdooPricelistRules.Line((Integer) refProductQuantity[i + 1],
                    new BigDecimal((String) refProductQuantity[i + 2])));
        }
        return lines;
    }

    private static final class MovableClock extends Clock {

        Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
