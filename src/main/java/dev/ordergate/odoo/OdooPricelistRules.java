package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.sync.SyncSchedules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A pricelist's product-variant rules ({@code applied_on = 0_product_variant}) as Odoo last showed them, read in one
 * call per pricelist and kept on the node while younger than the pricing freshness ({@link OdooPricingProperties}).
 * Odoo's pricelist engine takes, per line, the first rule in its order (applied on: variant before product, category
 * and global rules; then the higher minimum quantity, then the newer rule) whose dates include the order's date and
 * whose minimum quantity the line reaches. When that rule is a variant rule with a fixed price, nothing else in the
 * pricelist (formula, category, global or based-on-another-pricelist rules) can change the line's price, so the kept
 * rule prices it exactly as Odoo's onchange would. An order is priced from them only when every line is: a line whose
 * applicable variant rule computes its price (percentage, formula), or that no variant rule covers, sends the whole
 * order to Odoo. Ordergate's own price-list sync writes such fixed variant rules ({@link OdooPriceLists}) and forgets
 * the kept rules of a pricelist it writes to, so this node prices from what it wrote at once; rules changed in Odoo by
 * hand are seen once the kept ones are older than the freshness.
 */
@Component
class OdooPricelistRules {

    private static final String VARIANT = "0_product_variant";
    private static final List<String> RULE_FIELDS = List.of("product_id", "min_quantity", "compute_price", "fixed_price",
            "date_start", "date_end");

    /** One variant rule; {@code start}/{@code end} as Odoo stores them (UTC datetimes), null when open. */
    record Rule(int id, int productId, BigDecimal minQuantity, String computePrice, BigDecimal fixedPrice,
                LocalDateTime start, LocalDateTime end) {

        boolean appliesAt(LocalDateTime at, BigDecimal quantity) {
            return (start == null || !start.isAfter(at)) && (end == null || !end.isBefore(at))
                    && quantity.compareTo(minQuantity) >= 0;
        }
    }

    /** A line to price: its product and quantity in the product's unit. */
    record Line(int productId, BigDecimal quantity) {
    }

    private record Kept(Map<Integer, List<Rule>> byProduct, Instant readAt) {
    }

    /** Odoo's order of rules within one {@code applied_on}: higher minimum quantity first, then the newer rule. */
    private static final Comparator<Rule> ODOO_ORDER = Comparator.comparing(Rule::minQuantity).reversed()
            .thenComparing(Comparator.comparingInt(Rule::id).reversed());

    private final OdooClient odoo;
    private final Clock clock;
    private final boolean enabled;
    private final Duration freshness;
    private final Map<Integer, Kept> kept = new ConcurrentHashMap<>();

    @Autowired
    OdooPricelistRules(OdooClient odoo, OdooPricingProperties properties, ObjectProvider<Clock> clock,
                       ObjectProvider<SyncSchedules> schedules) {
        this(odoo, !properties.localRules() ? Duration.ZERO : properties.rulesFreshness() != null
                ? properties.rulesFreshness() : schedules.getIfAvailable() == null ? Duration.ZERO
                : schedules.getObject().freshness("prices"), clock.getIfAvailable(Clock::systemUTC));
    }

    /** {@code freshness} zero: off, every order asks Odoo. */
    OdooPricelistRules(OdooClient odoo, Duration freshness, Clock clock) {
        this.odoo = odoo;
        this.clock = clock;
        this.freshness = freshness;
        this.enabled = !freshness.isZero() && !freshness.isNegative();
    }

    /**
     * The unit price of every line by its key, when each one's applicable rule is a fixed-price variant rule; empty
     * when any line needs Odoo's pricelist engine (or local rules are off). {@code at} is the order's date in UTC.
     */
    Optional<Map<String, BigDecimal>> prices(int pricelistId, Map<String, Line> lines, LocalDateTime at) {
        if (!enabled || lines.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, List<Rule>> rules = rules(pricelistId);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (Map.Entry<String, Line> line : lines.entrySet()) {
            Optional<Rule> applicable = rules.getOrDefault(line.getValue().productId(), List.of()).stream()
                    .filter(rule -> rule.appliesAt(at, line.getValue().quantity())).findFirst();
            if (applicable.isEmpty() || !"fixed".equals(applicable.get().computePrice())) {
                return Optional.empty();
            }
            prices.put(line.getKey(), applicable.get().fixedPrice());
        }
        return Optional.of(prices);
    }

    /** Ordergate wrote rules of these pricelists: the next order reads them again. */
    void forget(Collection<Integer> pricelistIds) {
        pricelistIds.forEach(kept::remove);
    }

    private Map<Integer, List<Rule>> rules(int pricelistId) {
        Instant now = clock.instant();
        Kept known = kept.get(pricelistId);
        if (known == null || !known.readAt().plus(freshness).isAfter(now)) {
            known = new Kept(read(pricelistId), now);
            kept.put(pricelistId, known);
        }
        return known.byProduct();
    }

    private Map<Integer, List<Rule>> read(int pricelistId) {
        Map<Integer, List<Rule>> byProduct = new HashMap<>();
        JsonNode found = odoo.searchRead("product.pricelist.item", List.of(List.of("pricelist_id", "=", pricelistId),
                List.of("applied_on", "=", VARIANT)), RULE_FIELDS, null, 0, "min_quantity desc, id desc");
        for (JsonNode item : found) {
            Integer productId = many2oneId(item.path("product_id"));
            if (productId == null) {
                continue;
            }
            String compute = text(item.path("compute_price"));
            Rule rule = new Rule(item.get("id").intValue(), productId, decimal(item.path("min_quantity"), "min_quantity"),
                    compute, "fixed".equals(compute) ? decimal(item.path("fixed_price"), "fixed_price") : null,
                    datetime(item.path("date_start")), datetime(item.path("date_end")));
            byProduct.computeIfAbsent(productId, id -> new ArrayList<>()).add(rule);
        }
        byProduct.values().forEach(rules -> rules.sort(ODOO_ORDER));
        return byProduct;
    }

    /** Odoo 17+ keeps rule dates as datetimes ("2026-12-31 00:00:00"); a date alone is its midnight, as Odoo stores it. */
    private static LocalDateTime datetime(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText();
        return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text.replace(' ', 'T'));
    }
}
