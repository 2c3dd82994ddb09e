package dev.ordergate.order;

/**
 * The BPMN error codes of peers' business refusals, one per peer. Stable: the analysts' models catch them by these
 * codes, and dashboards count refusals by them.
 */
public final class RefusalCodes {

    public static final String ODOO = "odoo-refused";
    public static final String CREDIT = "credit-refused";
    public static final String TAX = "tax-refused";
    public static final String WMS = "wms-refused";
    public static final String MASTER_DATA_HUB = "master-data-hub-refused";
    public static final String PRICING_ENGINE = "pricing-engine-refused";

    private RefusalCodes() {
    }

    public static String of(String peer) {
        return switch (peer) {
            case "odoo" -> ODOO;
            case "credit" -> CREDIT;
            case "tax" -> TAX;
            case "wms" -> WMS;
            case "master-data-hub" -> MASTER_DATA_HUB;
            case "pricing-engine" -> PRICING_ENGINE;
            default -> throw new IllegalArgumentException("No refusal code for peer '" + peer + "'");
        };
    }
}
