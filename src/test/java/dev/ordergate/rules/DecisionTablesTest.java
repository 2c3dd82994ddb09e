package dev.ordergate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analysts' tables in bpmn/, row by row, on the DMN engine alone. */
class DecisionTablesTest {

    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @ParameterizedTest(name = "region {0}, segment {1}, category {2} -> {3}% or {4} per unit")
    @CsvSource(nullValues = "null", value = {
            "us,   Distributor Tier A, Services,         0,   0.01",
            "null, null,               Services,         0,   0.01",
            "us,   Distributor Tier A, Office Furniture, 0.5, 0.01",
            "null, Distributor Tier A, null,             0.5, 0.01",
            "us,   Default,            Office Furniture, 1.0, 0.05",
            "null, null,               null,             1.0, 0.05",
            "eu,   EU Distributor,     Office Furniture, 0.5, 0.01",
            "eu,   EU Distributor,     Services,         0,   0.01"})
    void priceToleranceRows(String region, String segment, String category, double percent, double absolute)
            throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("region", region);
        inputs.put("customerSegment", segment);
        inputs.put("productCategory", category);
        var row = evaluate("price-tolerance", inputs).getSingleResult();
        assertThat(((Number) row.get("tolerancePercent")).doubleValue()).isEqualTo(percent);
        assertThat(((Number) row.get("toleranceAbsolute")).doubleValue()).isEqualTo(absolute);
    }

    @ParameterizedTest(name = "blocked {0}, overdue {1}, utilisation {2} -> {3}")
    @CsvSource({
            "true,  false, 0.1, hold",
            "true,  false, 3.0, hold",
            "false, false, 2.01, reject",
            "false, true,  2.5, reject",
            "false, true,  0.5, hold",
            "false, false, 0.9, approve",
            "false, false, 1.0, approve",
            "false, false, 1.3, hold",
            "false, false, 2.0, hold"})
    void creditPolicyRows(boolean blocked, boolean overdue, double utilisation, String outcome) throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("region", null);
        inputs.put("blocked", blocked);
        inputs.put("hasOverdue", overdue);
        inputs.put("utilisation", utilisation);
        assertThat((String) evaluate("credit-policy", inputs).getSingleResult().getSingleEntry()).isEqualTo(outcome);
        inputs.put("region", "us");
        assertThat((String) evaluate("credit-policy", inputs).getSingleResult().getSingleEntry()).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "channel {0}, ship-to {1}, {2} -> region {3}")
    @CsvSource(nullValues = "null", value = {
            "b2b-portal, US, USD, us",
            "b2b-portal, DE, EUR, eu",
            "b2b-portal, DE, USD, us",
            "eu-portal,  US, USD, eu",
            "edi,        FR, EUR, eu",
            "b2b-portal, CA, USD, ca",
            "b2b-portal, CA, CAD, ca",
            "null,       null, null, us"})
    void orderRegionRows(String channel, String country, String currency, String region) throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("channel", channel);
        inputs.put("shipToCountry", country);
        inputs.put("currency", currency);
        assertThat((String) evaluate("order-region", inputs).getSingleResult().getSingleEntry()).isEqualTo(region);
    }

    @ParameterizedTest(name = "EU: utilisation {0} -> {1}")
    @CsvSource({"0.5, approve", "0.9, approve", "0.95, hold", "1.3, hold", "2.5, reject"})
    void theEuBusinessUnitHoldsNearTheLimit(double utilisation, String outcome) throws IOException {
        var result = evaluate("credit-policy", Map.of("region", "eu", "blocked", false, "hasOverdue", false,
                "utilisation", utilisation));
        assertThat((String) result.getSingleResult().getSingleEntry()).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "region {0}, {1} -> {2}, escalates to {3}")
    @CsvSource(nullValues = "null", value = {
            "null, master-data,  master-data-stewards, order-supervisors",
            "null, pricing,      pricing-stewards,     order-supervisors",
            "us,   pricing,      pricing-stewards,     order-supervisors",
            "ca,   pricing,      pricing-stewards,     order-supervisors",
            "eu,   pricing,      eu-pricing-stewards,  eu-order-supervisors",
            "eu,   credit,       eu-credit-controllers, eu-finance-supervisors",
            "us,   credit,       credit-controllers,   finance-supervisors",
            "null, credit,       credit-controllers,   finance-supervisors",
            "null, tax,          customer-service,     order-supervisors",
            "null, availability, customer-service,     order-supervisors",
            "null, substitution, customer-service,     order-supervisors",
            "eu,   restricted-products, eu-customer-service, eu-order-supervisors",
            "ca,   restricted-products, customer-service, order-supervisors",
            "us,   shipment-problem,    customer-service, order-supervisors",
            "eu,   return-inspection,   eu-customer-service, eu-order-supervisors",
            "eu,   master-data-conflict, eu-master-data-stewards, eu-order-supervisors",
            "null, rejected-price-rows,  pricing-stewards, order-supervisors",
            "eu,   order-notice,        eu-customer-service, eu-order-supervisors",
            "eu,   wms-refusal,         eu-customer-service, eu-order-supervisors"})
    void reviewerRoutingRows(String region, String exceptionType, String reviewers, String supervisors)
            throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("region", region);
        inputs.put("exceptionType", exceptionType);
        var row = evaluate("reviewer-routing", inputs).getSingleResult();
        assertThat(row.get("reviewerGroup")).isEqualTo(reviewers);
        assertThat(row.get("supervisorGroup")).isEqualTo(supervisors);
    }

    @ParameterizedTest(name = "allow {0}, channel {1}, customer {2}, segment {3}, category {4} -> {5}")
    @CsvSource(nullValues = "null", value = {
            "true,  b2b-portal,  C-10042, Distributor Tier A, Office Furniture, automatic",
            "false, b2b-portal,  C-10042, Distributor Tier A, Office Furniture, not-allowed",
            "true,  marketplace, C-10042, Distributor Tier A, Office Furniture, not-allowed",
            "true,  b2b-portal,  C-20077, Distributor Tier A, Office Furniture, approval",
            "false, b2b-portal,  C-20077, Distributor Tier A, Office Furniture, not-allowed",
            "true,  b2b-portal,  C-10042, Distributor Tier A, Software,         approval",
            "true,  edi-gateway, C-40011, Default,            Office Furniture, approval",
            "true,  b2b-portal,  C-10042, null,               null,             approval"})
    void substitutionPolicyRows(boolean allow, String channel, String customer, String segment, String category,
                                String policy) throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("allowSubstitutes", allow);
        inputs.put("channel", channel);
        inputs.put("customerRef", customer);
        inputs.put("customerSegment", segment);
        inputs.put("productCategory", category);
        assertThat((String) evaluate("substitution-policy", inputs).getSingleResult().getSingleEntry()).isEqualTo(policy);
    }

    @ParameterizedTest(name = "{0} days, {1}, {2}, {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "0,  Services,         10,   Distributor Tier A, refuse",
            "31, Office Furniture, 10,   Distributor Tier A, refuse",
            "30, Office Furniture, 1000, Distributor Tier A, auto",
            "3,  Office Furniture, 1196, Distributor Tier A, customer-service",
            "20, Office Furniture, 100,  Default,            customer-service",
            "20, Office Furniture, 100,  null,               customer-service",
            "20, Office Furniture, 100,  Distributor Tier A, auto",
            "0,  null,             598,  null,               auto"})
    void returnEligibilityRows(int days, String category, double amount, String segment, String approval)
            throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("daysSinceDelivery", days);
        inputs.put("productCategory", category);
        inputs.put("lineAmount", amount);
        inputs.put("customerSegment", segment);
        var row = evaluate("return-eligibility", inputs).getSingleResult();
        assertThat(row.get("approval")).isEqualTo(approval);
        assertThat((String) row.get("reason")).isNotBlank();
    }

    @ParameterizedTest(name = "{0} ({1}) to {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "SVC-INSTALL, Services,         CA, installation is sold in the US only",
            "SVC-INSTALL, Services,         US, null",
            "FURN_0269,   Office Furniture, IR, the destination is under trade restrictions",
            "SVC-INSTALL, Services,         KP, the destination is under trade restrictions",
            "FURN_0269,   Office Furniture, DE, null",
            "FURN_0269,   null,             US, null"})
    void restrictedProductsRows(String sku, String category, String country, String restriction) throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("sku", sku);
        inputs.put("productCategory", category);
        inputs.put("shipToCountry", country);
        var result = evaluate("restricted-products", inputs);
        String reason = result.getFirstResult().getSingleEntry();
        assertThat(reason.isEmpty() ? null : reason).isEqualTo(restriction);
    }

    @ParameterizedTest(name = "region {0}, channel {1}")
    @CsvSource(nullValues = "null", value = {"us, b2b-portal", "eu, eu-portal", "null, edi-gateway"})
    void everyOrderPassesTheRestrictedProductsGateAfterTheDrawnOnes(String region, String channel) throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("region", region);
        inputs.put("channel", channel);
        assertThat(evaluate("order-gates", inputs).collectEntries("gate")).containsExactly("restricted-products");
    }

    @org.junit.jupiter.api.Test
    void anExceptionTypeNobodyReviewsMatchesNoRow() throws IOException {
        Map<String, Object> returns = new HashMap<>();
        returns.put("region", null);
        returns.put("exceptionType", "returns");
        assertThat(evaluate("reviewer-routing", returns).isEmpty()).isTrue();
    }

    private static DmnDecisionTableResult evaluate(String key, Map<String, Object> inputs) throws IOException {
        try (InputStream in = new FileInputStream("bpmn/" + key + ".dmn")) {
            DmnDecision decision = DMN.parseDecision(key, in);
            return DMN.evaluateDecisionTable(decision, inputs);
        }
    }
}
