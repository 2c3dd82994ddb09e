package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.many2oneName;
import static dev.ordergate.odoo.client.OdooValues.number;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.pricing.PriceAuthority;
import dev.ordergate.sync.SyncSchedules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Odoo's price for each line: from the pricelist's fixed-price variant rules kept on the node when they decide every
 * line ({@link OdooPricelistRules}), else asked the way the web client asks it, in one call for all lines:
 * {@code sale.order.onchange} of an unsaved order carrying them (transcripts 205). The pricelist engine itself is
 * private over RPC (33), and onchange creates nothing.
 */
@Component
class OdooPriceAuthority implements PriceAuthority {

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** What the order's onchange answers of each line: its product, quantity and the price we read. */
    private static final Map<String, Object> LINE_PRICES = Map.of("order_line", Map.of("fields",
            Map.of("product_id", Map.of(), "product_uom_qty", Map.of(), "price_unit", Map.of())));


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

        // One onchange of a new order carrying every line prices them all: with no field named as changed Odoo computes
        // every field of a new record, each line's price_unit under its virtual id (18.0 and 19.0 transcripts 205);
        // naming order_line as changed, it computes nothing for the lines.
        Map<String, Object> values = new LinkedHashMap<>(unsavedOrder);
        values.remove("id");
        Map<String, String> lineByVirtualId = new LinkedHashMap<>();
        List<List<Object>> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            String virtualId = "virtual_" + (lines.size() + 1);
            lineByVirtualId.put(virtualId, line.lineRef());
            Map<String, Object> lineValues = new LinkedHashMap<>();
            lineValues.put("product_id", products.get(line.sku()).id());
            lineValues.put("product_uom_qty", number(line.quantity()));
            lines.add(List.of(0, virtualId, lineValues));
        }
        values.put("order_line", lines);
        JsonNode result = odoo.executeKw("sale.order", "onchange",
                List.of(List.of(), values, List.of(), LINE_PRICES), null);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (JsonNode command : result.path("value").path("order_line")) {
            String lineRef = lineByVirtualId.get(command.path(1).asText());
            if (command.path(0).asInt(-1) == 0 && lineRef != null) {
                prices.put(lineRef, decimal(command.path(2).path("price_unit"), "onchange price_unit"));
            }
        }
        if (prices.size() != lineByVirtualId.size()) {
            throw new OdooProtocolException("sale.order.onchange priced " + prices.size() + " of "
                    + lineByVirtualId.size() + " lines", null);
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
}
