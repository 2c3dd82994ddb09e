package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static dev.ordergate.odoo.OdooFixtures.decoAddict;
import static dev.ordergate.odoo.OdooFixtures.line;
import static dev.ordergate.odoo.OdooFixtures.order;
import static dev.ordergate.odoo.OdooFixtures.partnerSearch;
import static dev.ordergate.odoo.OdooFixtures.product;
import static dev.ordergate.odoo.OdooFixtures.productSearch;
import static dev.ordergate.odoo.OdooFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordergate.inventory.Availability;
import dev.ordergate.masterdata.Customer;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.pricing.PriceAuthority;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Master data, prices and availability: what the gates ask Odoo before anything is created. */
class OdooCatalogTest extends OdooTest {

    @Autowired
    MasterData masterData;

    @Autowired
    PriceAuthority prices;

    @Autowired
    Availability availability;

    @Test
    void aCustomerIsFoundByItsReferenceWithCountryAndPaymentTerms() {
        stub(partnerSearch("CUST-DECO-001", decoAddict()));

        assertThat(masterData.findCustomer("CUST-DECO-001"))
                .contains(new Customer("CUST-DECO-001", "Deco Addict", "US", "30 Days", "Distributor Tier A"));
    }

    @Test
    void anUnknownCustomerIsAbsent() {
        stub(partnerSearch("CUST-NOBODY"));

        assertThat(masterData.findCustomer("CUST-NOBODY")).isEmpty();
    }

    @Test
    void twoContactsWithOneReferenceAreBothAnswered() {
        stub(partnerSearch("CUST-DECO-001", decoAddict(), decoAddict()));

        assertThat(masterData.findCustomers("CUST-DECO-001")).hasSize(2);
        assertThat(masterData.findCustomer("CUST-DECO-001")).as("not one customer").isEmpty();
    }

    @Test
    void productsAreFoundBySkuWithTheirUnitOfMeasureName() {
        stub(productSearch(List.of("E-COM07", "NOPE"), product(17, "E-COM07", "Large Cabinet")));

        Map<String, Product> products = masterData.findProducts(List.of("E-COM07", "NOPE"));

        assertThat(products).containsOnlyKeys("E-COM07");
        assertThat(products.get("E-COM07")).isEqualTo(new Product("E-COM07", "Large Cabinet", "Units", true, "Office Furniture"));
    }

    @Test
    void freeQuantityIsOdoosFreeQtyAndZeroForUnknownSkus() {
        stub(OdooExchange.executeKw("product.product", "search_read",
                List.of(List.of(List.of("default_code", "in", List.of("E-COM08", "NOPE")))),
                Map.of("fields", List.of("default_code", "free_qty")))
                .answering(List.of(record("id", 18, "default_code", "E-COM08", "free_qty", 18.0))));

        assertThat(availability.freeQuantities(List.of("E-COM08", "NOPE")))
                .containsEntry("E-COM08", new BigDecimal("18.0"))
                .containsEntry("NOPE", BigDecimal.ZERO);
    }

    @Test
    void theLinePricesAreOdoosOnchangePricesUnderTheCustomersPricelistInOneCall() {
        // Transcript 34's order and line as one sale.order onchange of a new order with all its lines (transcripts
        // 205): each line's price_unit under its virtual id.
        Map<String, Object> unsaved = new LinkedHashMap<>();
        unsaved.put("partner_id", 10);
        unsaved.put("pricelist_id", 3);
        unsaved.put("company_id", 1);
        unsaved.put("currency_id", 1);
        unsaved.put("date_order", "2026-11-27 12:00:00");
        unsaved.put("order_line", List.of(List.of(0, "virtual_1", record("product_id", 17, "product_uom_qty", 12))));
        OdooExchange onchange = OdooExchange.executeKw("sale.order", "onchange", List.of(List.of(), unsaved, List.of(),
                        Map.of("order_line", Map.of("fields", Map.of("product_id", Map.of(), "product_uom_qty", Map.of(),
                                "price_unit", Map.of())))), null)
                .answering(Map.of("value", Map.of("order_line", List.of(List.of(0, "virtual_1",
                        record("product_id", 17, "product_uom_qty", 12.0, "price_unit", 299.0))))));
        stub(partnerSearch("CUST-DECO-001", decoAddict()),
                productSearch(List.of("E-COM07"), product(17, "E-COM07", "Large Cabinet")),
                OdooExchange.executeKw("res.users", "read", List.of(List.of(2)), Map.of("fields", List.of("company_id")))
                        .answering(List.of(record("id", 2, "company_id", List.of(1, "My Company (San Francisco)")))),
                OdooExchange.executeKw("product.pricelist", "read", List.of(List.of(3)),
                                Map.of("fields", List.of("currency_id")))
                        .answering(List.of(record("id", 3, "currency_id", List.of(1, "USD")))),
                onchange);

        Map<String, BigDecimal> unitPrices = prices.unitPrices(
                order("EXT-0001", "CUST-DECO-001", line("L1", "E-COM07", "12", "320.00")));

        assertThat(unitPrices).containsOnlyKeys("L1");
        assertThat(unitPrices.get("L1")).isEqualByComparingTo("299");
        ODOO.verify(exactly(1), onchange.requested());
    }
}
