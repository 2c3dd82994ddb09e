package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.many2oneName;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooCompanyScope;
import dev.ordergate.odoo.client.OdooDialect;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.sync.SyncSchedules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Finds the Odoo records behind our references: partners by {@code ref}, products by {@code default_code}, sales orders by {@code client_order_ref}. */
@Component
class OdooRecords {

    record Partner(int id, String name, String ref, String countryCode, String paymentTerm, Integer pricelistId,
                   String pricelistName) {
    }

    /**
     * {@code free} is Odoo's {@code free_qty} as read with the product at {@code freeAt}: the order's first
     * availability check may take it while it is as fresh as the availability timing promises (null: not read, or
     * taken already).
     */
    record Product(int id, String sku, String name, String uom, String type, boolean storable, String category,
                   BigDecimal free, Instant freeAt) {

        Product withoutFree() {
            return new Product(id, sku, name, uom, type, storable, category, null, null);
        }
    }

    static final List<String> PARTNER_FIELDS = List.of(
            "name", "ref", "country_code", "property_payment_term_id", "property_product_pricelist");

    /**
     * An order resolved against Odoo: the contacts carrying its customer reference ({@code null}: not asked yet) and
     * its products by SKU (unknown SKUs absent).
     */
    record Resolution(List<Partner> partners, Map<String, Product> products) {

        Partner requirePartner(String customerRef) {
            if (partners == null || partners.isEmpty()) {
                throw new OdooBusinessException("No Odoo contact has the reference '" + customerRef + "'");
            }
            if (partners.size() > 1) {
                throw new OdooBusinessException("More than one Odoo contact has the reference '" + customerRef + "'");
            }
            return partners.get(0);
        }

        Map<String, Product> requireProducts(Collection<String> skus) {
            List<String> unknown = skus.stream().distinct().filter(sku -> !products.containsKey(sku)).toList();
            if (!unknown.isEmpty()) {
                throw new OdooBusinessException("Odoo has no product with the internal reference " + unknown);
            }
            return products;
        }
    }

    private final OdooClient odoo;
    private final OdooResolutions resolutions;
    private final OdooLookupBatches lookups;
    private final OdooCustomers customers;
    private final Clock clock;
    /** How old a kept contact may be and still be taken for a new order: the master-data timing's freshness. */
    private final Duration customerFreshness;
    private volatile Integer companyId;

    @Autowired
    OdooRecords(OdooClient odoo, ObjectProvider<JdbcClient> jdbc, ObjectProvider<ObjectMapper> json,
                ObjectProvider<Clock> clock, ObjectProvider<PlatformTransactionManager> transactions,
                ObjectProvider<OdooBatchingProperties> batching, ObjectProvider<SyncSchedules> schedules) {
        this(odoo, jdbc.getIfAvailable() == null || transactions.getIfAvailable() == null ? OdooResolutions.none()
                : new OdooResolutions.Jdbc(jdbc.getObject(), json.getIfAvailable(ObjectMapper::new),
                        clock.getIfAvailable(Clock::systemUTC), transactions.getObject()),
                new OdooLookupBatches(odoo, batching.getIfAvailable(() -> OdooBatchingProperties.OFF)),
                jdbc.getIfAvailable() == null || transactions.getIfAvailable() == null ? OdooCustomers.none()
                        : new OdooCustomers.Jdbc(jdbc.getObject(), json.getIfAvailable(ObjectMapper::new),
                        transactions.getObject()),
                clock.getIfAvailable(Clock::systemUTC),
                schedules.getIfAvailable() == null ? Duration.ZERO : schedules.getObject().freshness("master-data"));
    }

    /** Without our database (the odoo package on its own): nothing is kept, every step resolves again. */
    OdooRecords(OdooClient odoo) {
        this(odoo, OdooResolutions.none(), new OdooLookupBatches(odoo, OdooBatchingProperties.OFF), OdooCustomers.none(),
                Clock.systemUTC(), Duration.ZERO);
    }

    private OdooRecords(OdooClient odoo, OdooResolutions resolutions, OdooLookupBatches lookups, OdooCustomers customers,
                        Clock clock, Duration customerFreshness) {
        this.odoo = odoo;
        this.resolutions = resolutions;
        this.lookups = lookups;
        this.customers = customers;
        this.clock = clock;
        this.customerFreshness = customerFreshness;
    }

    /**
     * Resolves the order, one read for all its SKUs and its customer from the contacts kept locally when fresh
     * enough (else one read), and keeps the result beside the order: the master-data gate's look-up, which every later
     * step of the order reads instead of asking again. When the order was resolved before, the gate runs again after
     * a steward's review: then the customer is read afresh, so a fix made in Odoo is seen (and kept for the next orders).
     */
    Resolution resolve(String businessKey, String customerRef, Collection<String> skus) {
        boolean again = resolutions.find(businessKey).isPresent();
        Resolution resolution = new Resolution(again ? freshPartners(customerRef) : keptPartners(customerRef),
                products(skus));
        resolutions.save(businessKey, resolution);
        return resolution;
    }

    /** The contact kept for the reference while younger than the master-data freshness, else read and kept. */
    private List<Partner> keptPartners(String customerRef) {
        if (customerFreshness.isZero() || customerFreshness.isNegative()) {
            return partners(customerRef);
        }
        Optional<Partner> kept = customers.find(companyKey(), customerRef, clock.instant().minus(customerFreshness));
        return kept.isPresent() ? List.of(kept.get()) : freshPartners(customerRef);
    }

    /** The contacts read from Odoo now; exactly one is kept for the next orders, anything else forgotten. */
    private List<Partner> freshPartners(String customerRef) {
        Instant readAt = clock.instant();
        List<Partner> found = partners(customerRef);
        if (found.size() == 1) {
            customers.keep(companyKey(), customerRef, found.get(0), readAt);
        } else {
            customers.forget(companyKey(), customerRef);
        }
        return found;
    }

    /** Odoo keeps a contact's pricelist and terms per company: the region's company, 0 for the API user's own. */
    private static int companyKey() {
        Integer company = OdooCompanyScope.current();
        return company == null ? 0 : company;
    }

    /**
     * The order as resolved before; what it did not cover yet (a substitute's SKU, or an order resolved before this
     * was kept) is read in one call per kind and kept with it. {@code customerRef} null: the contact is not needed.
     */
    Resolution resolved(String businessKey, String customerRef, Collection<String> skus) {
        Optional<Resolution> kept = resolutions.find(businessKey);
        List<Partner> partners = kept.map(Resolution::partners).orElse(null);
        Map<String, Product> products = new LinkedHashMap<>(kept.map(Resolution::products).orElse(Map.of()));
        List<String> missing = skus.stream().distinct().filter(sku -> !products.containsKey(sku)).toList();
        boolean changed = false;
        if (partners == null && customerRef != null) {
            partners = partners(customerRef);
            changed = true;
        }
        if (!missing.isEmpty()) {
            Map<String, Product> found = products(missing);
            changed |= !found.isEmpty();
            products.putAll(found);
        }
        Resolution resolution = new Resolution(partners, products);
        if (changed || kept.isEmpty()) {
            resolutions.save(businessKey, resolution);
        }
        return resolution;
    }

    /**
     * The free quantities read when the order was resolved, if every SKU has one read less than {@code freshness}
     * ago; they serve once (the order's first availability check): taking them clears them, so a check repeated after
     * a review asks Odoo.
     */
    Optional<Map<String, BigDecimal>> takeFreeAsResolved(String businessKey, Collection<String> skus, Duration freshness) {
        Optional<Resolution> kept = resolutions.find(businessKey);
        if (kept.isEmpty() || skus.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Map<String, BigDecimal> free = new LinkedHashMap<>();
        for (String sku : skus) {
            Product product = kept.get().products().get(sku);
            if (product == null || product.free() == null || product.freeAt() == null
                    || !product.freeAt().plus(freshness).isAfter(now)) {
                return Optional.empty();
            }
            free.put(sku, product.free());
        }
        Map<String, Product> taken = new LinkedHashMap<>(kept.get().products());
        skus.forEach(sku -> taken.computeIfPresent(sku, (key, product) -> product.withoutFree()));
        resolutions.save(businessKey, new Resolution(kept.get().partners(), taken));
        return Optional.of(free);
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
        JsonNode found = lookups.partnerRows(customerRef);
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
        // Read with the product at no extra call: the order's availability check, moments later, need not ask again.
        fields.add("free_qty");
        Instant readAt = clock.instant();
        for (JsonNode p : lookups.productRows(new LinkedHashSet<>(skus), List.copyOf(fields))) {
            Product product = new Product(p.get("id").intValue(), text(p.path("default_code")), text(p.path("name")),
                    many2oneName(p.path("uom_id")), dialect.productType(p), dialect.isStorable(p),
                    leaf(many2oneName(p.path("categ_id"))),
                    p.path("free_qty").isNumber() ? decimal(p.path("free_qty"), "free_qty") : null, readAt);
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

    /** The id of the sales order the commit created or found, when it was kept with the order's resolution. */
    Optional<Integer> salesOrderId(String businessKey) {
        return resolutions.salesOrderId(businessKey);
    }

    void keepSalesOrderId(String businessKey, int salesOrderId) {
        resolutions.salesOrderId(businessKey, salesOrderId);
    }

    /**
     * True when no write of {@code step} went to Odoo for the order before; records this one (committed at once) so
     * that a retry after a lost answer knows to search for what it may have created. Without our database: false.
     */
    boolean firstAttempt(String businessKey, String step) {
        return resolutions.firstAttempt(businessKey, step);
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
