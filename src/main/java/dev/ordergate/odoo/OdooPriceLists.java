package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.many2oneName;
import static dev.ordergate.odoo.client.OdooValues.number;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.pricing.PriceItem;
import dev.ordergate.pricing.PriceItemChange;
import dev.ordergate.pricing.PriceListTarget;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Price lists in Odoo: {@code product.pricelist} by name, its fixed-price product-variant items
 * ({@code applied_on = 0_product_variant}, {@code compute_price = fixed}) with {@code min_quantity} as the tier
 * and {@code date_start}/{@code date_end} as the window; customer agreements through the partner's
 * {@code property_product_pricelist}. A chunk is one {@code write} per price list carrying x2many commands on
 * {@code item_ids} (create {@code [0, 0, vals]}, update {@code [1, id, vals]}): Odoo writes the whole chunk in
 * one transaction, and one call instead of one per item.
 */
@Component
class OdooPriceLists implements PriceListTarget {

    private static final String VARIANT = "0_product_variant";
    private static final List<String> ITEM_FIELDS = List.of("pricelist_id", "product_id", "min_quantity", "date_start",
            "date_end", "fixed_price");

    private record Product(int id, int templateId, String sku) {
    }

    private final OdooClient odoo;
    private final ObjectProvider<OdooPricelistRules> rules;

    OdooPriceLists(OdooClient odoo, ObjectProvider<OdooPricelistRules> rules) {
        this.odoo = odoo;
        this.rules = rules;
    }

    @Override
    public Set<String> knownProducts(Collection<String> skus) {
        return products(skus).keySet();
    }

    @Override
    public Set<String> knownCustomers(Collection<String> customerRefs) {
        return partners(customerRefs).keySet();
    }

    @Override
    public Set<String> knownCurrencies(Collection<String> currencies) {
        if (currencies.isEmpty()) {
            return Set.of();
        }
        return stream(odoo.searchReadIn("res.currency", "name", currencies, List.of("name")))
                .map(c -> text(c.path("name"))).collect(Collectors.toSet());
    }

    @Override
    public Map<String, String> priceListCurrencies(Collection<String> pricelists) {
        Map<String, String> currencies = new HashMap<>();
        priceLists(pricelists).forEach((name, node) -> currencies.put(name, many2oneName(node.path("currency_id"))));
        return currencies;
    }

    @Override
    public List<PriceItem> items(Collection<String> pricelists) {
        Map<String, JsonNode> lists = priceLists(pricelists);
        if (lists.isEmpty()) {
            return List.of();
        }
        Map<Integer, String> names = new HashMap<>();
        lists.forEach((name, node) -> names.put(node.get("id").intValue(), name));
        List<JsonNode> items = stream(odoo.searchRead("product.pricelist.item", List.of(
                List.of("pricelist_id", "in", List.copyOf(names.keySet())), List.of("applied_on", "=", VARIANT),
                List.of("compute_price", "=", "fixed")), ITEM_FIELDS)).toList();
        Map<Integer, String> skus = skusOf(items.stream().map(i -> many2oneId(i.path("product_id"))).toList());
        List<PriceItem> found = new ArrayList<>();
        for (JsonNode item : items) {
            found.add(toItem(item, names, skus));
        }
        return found;
    }

    @Override
    public void ensurePriceLists(Map<String, String> currencyByPricelist) {
        if (currencyByPricelist.isEmpty()) {
            return;
        }
        Map<String, JsonNode> existing = priceLists(currencyByPricelist.keySet());
        Map<String, Integer> currencyIds = new HashMap<>();
        for (JsonNode c : odoo.searchReadIn("res.currency", "name", Set.copyOf(currencyByPricelist.values()), List.of("name"))) {
            currencyIds.put(text(c.path("name")), c.get("id").intValue());
        }
        currencyByPricelist.forEach((name, currency) -> {
            if (!existing.containsKey(name)) {
                odoo.create("product.pricelist", Map.of("name", name, "currency_id", currencyIds.get(currency)));
            }
        });
    }

    @Override
    public int assignPriceLists(Map<String, String> pricelistByCustomer) {
        if (pricelistByCustomer.isEmpty()) {
            return 0;
        }
        Map<String, JsonNode> lists = priceLists(Set.copyOf(pricelistByCustomer.values()));
        int changed = 0;
        for (Map.Entry<String, JsonNode> partner : partners(pricelistByCustomer.keySet()).entrySet()) {
            JsonNode list = lists.get(pricelistByCustomer.get(partner.getKey()));
            Integer wanted = list == null ? null : list.get("id").intValue();
            if (wanted != null && !wanted.equals(many2oneId(partner.getValue().path("property_product_pricelist")))) {
                odoo.write("res.partner", List.of(partner.getValue().get("id").intValue()),
                        Map.of("property_product_pricelist", wanted));
                changed++;
            }
        }
        return changed;
    }

    @Override
    public int apply(List<PriceItemChange> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        Map<String, JsonNode> lists = priceLists(chunk.stream().map(c -> c.key().pricelist()).collect(Collectors.toSet()));
        Map<String, Product> products = products(chunk.stream().map(c -> c.key().sku()).collect(Collectors.toSet()));
        Map<Integer, String> names = new HashMap<>();
        lists.forEach((name, node) -> names.put(node.get("id").intValue(), name));
        // Read the chunk's items as they are now: what an earlier attempt already wrote is not written again.
        Map<PriceItem.Key, Integer> ids = new HashMap<>();
        Map<PriceItem.Key, PriceItem> current = new HashMap<>();
        if (!names.isEmpty() && !products.isEmpty()) {
            Map<Integer, String> skus = new HashMap<>();
            products.values().forEach(p -> skus.put(p.id(), p.sku()));
            for (JsonNode item : odoo.searchRead("product.pricelist.item", List.of(
                    List.of("pricelist_id", "in", List.copyOf(names.keySet())),
                    List.of("product_id", "in", List.copyOf(skus.keySet())),
                    List.of("applied_on", "=", VARIANT), List.of("compute_price", "=", "fixed")), ITEM_FIELDS)) {
                PriceItem existing = toItem(item, names, skus);
                ids.put(existing.key(), item.get("id").intValue());
                current.put(existing.key(), existing);
            }
        }
        Map<String, List<Object>> commands = new LinkedHashMap<>();
        for (PriceItemChange change : chunk) {
            PriceItem existing = current.get(change.key());
            List<Object> command = command(change, existing, ids.get(change.key()), products.get(change.key().sku()));
            if (command != null) {
                commands.computeIfAbsent(change.key().pricelist(), n -> new ArrayList<>()).add(command);
            }
        }
        commands.forEach((name, itemCommands) -> {
            JsonNode list = lists.get(name);
            if (list == null) {
                throw new OdooMissingRecordException("Odoo has no price list named '" + name + "'", null);
            }
            odoo.write("product.pricelist", List.of(list.get("id").intValue()), Map.of("item_ids", itemCommands));
            // The rules kept for pricing are now behind what Odoo has: this node's next order reads them again.
            rules.ifAvailable(kept -> kept.forget(List.of(list.get("id").intValue())));
        });
        return commands.values().stream().mapToInt(List::size).sum();
    }

    private static List<Object> command(PriceItemChange change, PriceItem existing, Integer id, Product product) {
        return switch (change.action()) {
            case CREATE, UPDATE -> {
                if (existing == null) {
                    if (product == null) {
                        throw new OdooBusinessException("Odoo has no product with the internal reference '" + change.key().sku() + "'");
                    }
                    Map<String, Object> vals = new LinkedHashMap<>();
                    vals.put("applied_on", VARIANT);
                    vals.put("product_id", product.id());
                    vals.put("product_tmpl_id", product.templateId());
                    vals.put("compute_price", "fixed");
                    vals.put("min_quantity", number(change.key().minQuantity()));
                    vals.put("fixed_price", number(change.price()));
                    vals.put("date_start", date(change.key().validFrom()));
                    vals.put("date_end", date(change.validTo()));
                    yield List.of(0, 0, vals);
                }
                yield existing.sameTerms(change.price(), change.validTo()) ? null
                        : List.of(1, id, Map.of("fixed_price", number(change.price()), "date_end", date(change.validTo())));
            }
            case EXPIRE -> existing == null || (existing.validTo() != null && !existing.validTo().isAfter(change.validTo()))
                    ? null : List.of(1, id, Map.of("date_end", date(change.validTo())));
        };
    }

    private static PriceItem toItem(JsonNode item, Map<Integer, String> pricelistNames, Map<Integer, String> skus) {
        return new PriceItem(new PriceItem.Key(pricelistNames.get(many2oneId(item.path("pricelist_id"))),
                skus.get(many2oneId(item.path("product_id"))), decimal(item.path("min_quantity"), "min_quantity"),
                localDate(item.path("date_start"))), decimal(item.path("fixed_price"), "fixed_price"),
                localDate(item.path("date_end")));
    }

    private Map<String, JsonNode> priceLists(Collection<String> names) {
        Map<String, JsonNode> byName = new HashMap<>();
        if (names.isEmpty()) {
            return byName;
        }
        for (JsonNode list : odoo.searchReadIn("product.pricelist", "name", new LinkedHashSet<>(names), List.of("name", "currency_id"))) {
            if (byName.put(text(list.path("name")), list) != null) {
                throw new OdooBusinessException("More than one Odoo price list is named '" + text(list.path("name")) + "'");
            }
        }
        return byName;
    }

    private Map<String, Product> products(Collection<String> skus) {
        Map<String, Product> bySku = new HashMap<>();
        if (skus.isEmpty()) {
            return bySku;
        }
        for (JsonNode p : odoo.searchReadIn("product.product", "default_code", new LinkedHashSet<>(skus),
                List.of("default_code", "product_tmpl_id"))) {
            bySku.put(text(p.path("default_code")), new Product(p.get("id").intValue(),
                    many2oneId(p.path("product_tmpl_id")), text(p.path("default_code"))));
        }
        return bySku;
    }

    private Map<Integer, String> skusOf(List<Integer> productIds) {
        Map<Integer, String> skus = new HashMap<>();
        List<Integer> ids = productIds.stream().filter(id -> id != null).distinct().toList();
        if (!ids.isEmpty()) {
            odoo.read("product.product", ids, List.of("default_code"))
                    .forEach(p -> skus.put(p.get("id").intValue(), text(p.path("default_code"))));
        }
        return skus;
    }

    private Map<String, JsonNode> partners(Collection<String> refs) {
        Map<String, JsonNode> byRef = new HashMap<>();
        if (refs.isEmpty()) {
            return byRef;
        }
        for (JsonNode p : odoo.searchReadIn("res.partner", "ref", new LinkedHashSet<>(refs), List.of("ref", "property_product_pricelist"))) {
            byRef.put(text(p.path("ref")), p);
        }
        return byRef;
    }

    private static Object date(LocalDate date) {
        return date == null ? false : date.toString();
    }

    private static LocalDate localDate(JsonNode value) {
        return value.isTextual() ? LocalDate.parse(value.asText().substring(0, 10)) : null;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
