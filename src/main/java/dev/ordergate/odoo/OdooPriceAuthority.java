package dev.ordergate.odoo;

import static dev.ordergate.odoo.OdooValues.decimal;
import static dev.ordergate.odoo.OdooValues.many2oneId;
import static dev.ordergate.odoo.OdooValues.many2oneName;
import static dev.ordergate.odoo.OdooValues.number;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.pricing.PriceAuthority;
import java.math.BigDecimal;
import dev.ordergate.sync.SyncSchedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Odoo's price for each line: from the pricelist's fixed-price variant rules kept on the node when they decide every
 * line ({@link OdooPricelistRules}), else asked the way the web client asks it: {@code sale.order.line.onchange} on a
 * line of an unsaved order (transcript 34). The pricelist engine itself is private over RPC (33), and onchange
 * creates nothing.
 */
@Component
class OdooPriceAuthority implements PriceAuthority {

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");


    /** A pricelist's (or company's) currency as read at {@code readAt}. */
    private record Currency(JsonNode currencyId, Instant readAt) {
    }

    private final OdooClient odoo;
    private final OdooRecords records;
    /** Null where only the Odoo client is started (the protocol tests): every order asks the onchange. */
    private final OdooPricelistRules rules;
    private final Clock clock;
    private final Duration currencyFreshness;
    private final Map<String, Currency> currencies = new ConcurrentHashMap<>();

    OdooPriceAuthority(OdooClient odoo, OdooRecords records, ObjectProvider<OdooPricelistRules> rules,
                       ObjectProvider<Clock> clock, ObjectProvider<SyncSchedules> schedules) {
        this.odoo = odoo;
        this.records = records;
        this.rules = rules.getIfAvailable();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        // A pricelist's currency is master data: as fresh as the master-data timing keeps the rest of it.
        SyncSchedules timing = schedules.getIfAvailable();
        this.currencyFreshness = timing == null ? Duration.ZERO : timing.freshness("master-data");
    }

    @Override
    public Map<String, BigDecimal> unitPrices(Order order) {
        List<String> skus = order.lines().stream().map(OrderLine::sku).toList();
        OdooRecords.Resolution resolution = records.resolved(order.businessKey(), order.customerRef(), skus);
        OdooRecords.Partner partner = resolution.requirePartner(order.customerRef());
        Map<String, OdooRecords.Product> products = resolution.requireProducts(skus);
        int companyId = records.companyId();

        Map<String, Object> unsavedOrder = new LinkedHashMap<>();
        unsavedOrder.put("id", false);
        unsavedOrder.put("partner_id", partner.id());
        if (partner.pricelistId() != null) {
            unsavedOrder.put("pricelist_id", partner.pricelistId());
        }
        int currencyId = currencyId(partner, companyId, order.currency());
        // Odoo keeps datetimes in UTC; the date decides which pricelist rules apply.
        LocalDateTime dateOrder = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
        if (rules != null && partner.pricelistId() != null) {
            Map<String, OdooPricelistRules.Line> lines = new LinkedHashMap<>();
            order.lines().forEach(line -> lines.put(line.lineRef(),
                    new OdooPricelistRules.Line(products.get(line.sku()).id(), line.quantity())));
            var local = rules.prices(partner.pricelistId(), lines, dateOrder);
            if (local.isPresent()) {
                return local.get();
            }
        }
        unsavedOrder.put("company_id", companyId);
        unsavedOrder.put("currency_id", currencyId);
        unsavedOrder.put("date_order", dateOrder.format(ODOO_DATETIME));

        Map<String, Object> fieldsSpec = fieldsSpec(odoo.dialect());
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("order_id", unsavedOrder);
            values.put("product_id", products.get(line.sku()).id());
            values.put("product_uom_qty", number(line.quantity()));
            JsonNode result = odoo.executeKw("sale.order.line", "onchange",
                    List.of(List.of(), values, List.of("product_id"), fieldsSpec), null);
            prices.put(line.lineRef(), decimal(result.path("value").path("price_unit"), "onchange price_unit"));
        }
        return prices;
    }

    /** Prices come in the pricelist's currency (the company's without one); quoting them in another would be wrong. */
    private int currencyId(OdooRecords.Partner partner, int companyId, String orderCurrency) {
        String model = partner.pricelistId() != null ? "product.pricelist" : "res.company";
        int id = partner.pricelistId() != null ? partner.pricelistId() : companyId;
        Instant now = clock.instant();
        Currency known = currencies.get(model + "/" + id);
        if (known == null || !known.readAt().plus(currencyFreshness).isAfter(now)) {
            JsonNode currency = odoo.read(model, List.of(id), List.of("currency_id"));
            if (currency.isEmpty()) {
                throw new OdooMissingRecordException("Odoo does not show the pricelist or company of contact '"
                        + partner.ref() + "'", null);
            }
            known = new Currency(currency.get(0).path("currency_id"), now);
            currencies.put(model + "/" + id, known);
        }
        JsonNode currencyId = known.currencyId();
        String code = many2oneName(currencyId);
        if (orderCurrency != null && code != null && !orderCurrency.equalsIgnoreCase(code)) {
            throw new OdooBusinessException("Odoo prices contact '" + partner.ref() + "' in " + code
                    + ", the order is in " + orderCurrency);
        }
        return many2oneId(currencyId);
    }

    /** What the web client asks onchange to compute (18.0 transcript 34, 19.0 38); we use price_unit. */
    private static Map<String, Object> fieldsSpec(OdooDialect dialect) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("order_id", Map.of("fields", Map.of("partner_id", Map.of(), "pricelist_id", Map.of())));
        for (String field : List.of("product_id", "product_uom_qty", dialect.lineUomField(), "price_unit", "discount",
                dialect.lineTaxField(), "price_subtotal", "price_tax", "price_total", "name")) {
            spec.put(field, Map.of());
        }
        return Map.copyOf(spec);
    }
}
