package dev.ordergate.odoo;

import static dev.ordergate.odoo.OdooValues.many2oneId;
import static dev.ordergate.odoo.OdooValues.many2oneName;
import static dev.ordergate.odoo.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the Odoo records behind our references: partners by {@code ref}, products by {@code default_code}, sales orders by {@code client_order_ref}. */
@Component
class OdooRecords {

    record Partner(int id, String name, String ref, String countryCode, String paymentTerm, Integer pricelistId,
                   String pricelistName) {
    }

    record Product(int id, String sku, String name, String uom, String type, boolean storable, String category) {
    }

    private static final List<String> PARTNER_FIELDS = List.of(
            "name", "ref", "country_code", "property_payment_term_id", "property_product_pricelist");

    private final OdooClient odoo;
    private volatile Integer companyId;

    OdooRecords(OdooClient odoo) {
        this.odoo = odoo;
    }

    /** Odoo does not keep {@code ref} unique, so two partners with our reference are a data problem for a person. */
    Optional<Partner> partner(String customerRef) {
        List<Partner> found = partners(customerRef);
        if (found.size() > 1) {
            throw new OdooBusinessException("More than one Odoo contact has the reference '" + customerRef + "'");
        }
        return found.stream().findFirst();
    }

    /** Up to two partners with the reference: enough to tell none, one and ambiguous apart. */
    List<Partner> partners(String customerRef) {
        JsonNode found = odoo.searchRead("res.partner", List.of(List.of("ref", "=", customerRef)), PARTNER_FIELDS,
                2, 0, null);
        List<Partner> partners = new java.util.ArrayList<>();
        for (JsonNode p : found) {
            partners.add(new Partner(p.get("id").intValue(), text(p.path("name")), text(p.path("ref")),
                    text(p.path("country_code")), many2oneName(p.path("property_payment_term_id")),
                    many2oneId(p.path("property_product_pricelist")),
                    withoutCurrency(many2oneName(p.path("property_product_pricelist")))));
        }
        return partners;
    }

    Partner requirePartner(String customerRef) {
        return partner(customerRef).orElseThrow(() ->
                new OdooBusinessException("No Odoo contact has the reference '" + customerRef + "'"));
    }

    /** Products keyed by SKU; unknown SKUs are absent, a SKU on two products is a data problem for a person. */
    Map<String, Product> products(Collection<String> skus) {
        Map<String, Product> bySku = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            return bySku;
        }
        OdooDialect dialect = odoo.dialect();
        List<String> fields = new ArrayList<>(List.of("default_code", "name", "uom_id"));
        fields.addAll(dialect.productTypeFields());
        fields.add("categ_id");
        for (JsonNode p : odoo.searchReadIn("product.product", "default_code", new LinkedHashSet<>(skus), fields)) {
            Product product = new Product(p.get("id").intValue(), text(p.path("default_code")), text(p.path("name")),
                    many2oneName(p.path("uom_id")), dialect.productType(p), dialect.isStorable(p),
                    leaf(many2oneName(p.path("categ_id"))));
            if (bySku.put(product.sku(), product) != null) {
                throw new OdooBusinessException("More than one Odoo product has the internal reference '"
                        + product.sku() + "'");
            }
        }
        return bySku;
    }

    Map<String, Product> requireProducts(Collection<String> skus) {
        Map<String, Product> products = products(skus);
        List<String> unknown = skus.stream().distinct().filter(sku -> !products.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            throw new OdooBusinessException("Odoo has no product with the internal reference " + unknown);
        }
        return products;
    }

    /**
     * The sales order carrying our business key. Odoo does not keep {@code client_order_ref} unique (transcript
     * 58), which is why we always search before creating; two orders with one key need a person.
     */
    Optional<JsonNode> salesOrder(String businessKey, List<String> fields) {
        JsonNode found = odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", businessKey)), fields);
        if (found.size() > 1) {
            throw new OdooBusinessException("More than one Odoo sales order carries the reference '" + businessKey + "'");
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    JsonNode requireSalesOrder(String businessKey, List<String> fields) {
        return salesOrder(businessKey, fields).orElseThrow(() -> new OdooMissingRecordException(
                "No Odoo sales order carries the reference '" + businessKey + "'", null));
    }

    /** Our user's current company, asked once: prices and currencies depend on it. */
    int companyId() {
        Integer known = companyId;
        if (known == null) {
            JsonNode user = odoo.read("res.users", List.of(odoo.uid()), List.of("company_id"));
            if (user.isEmpty()) {
                throw new OdooMissingRecordException("Odoo does not show our own user", null);
            }
            known = many2oneId(user.get(0).path("company_id"));
            companyId = known;
        }
        return known;
    }

    /** A pricelist's display name carries its currency ("Distributor Tier A (USD)"); rules speak of the name. */
    private static String withoutCurrency(String pricelistName) {
        return pricelistName == null ? null : pricelistName.replaceFirst(" \\([A-Z]{3}\\)$", "");
    }

    /** Odoo names categories by their path ("All / Saleable / Office Furniture"); rules speak of the last part. */
    private static String leaf(String categoryPath) {
        if (categoryPath == null) {
            return null;
        }
        int slash = categoryPath.lastIndexOf(" / ");
        return slash < 0 ? categoryPath : categoryPath.substring(slash + 3);
    }
}
