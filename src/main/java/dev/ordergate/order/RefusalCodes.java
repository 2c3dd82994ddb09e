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

    private RefusalCodes() {
    }

    public static String of(String peer) {
        return switch (peer) {
            case "odoo" -> ODOO;
            case "credit" -> CREDIT;
            case "tax" -> TAX;
            case "wms" -> WMS;
            default -> throw new IllegalArgumentException("No refusal code for peer '" + peer + "'");
        };
    }
}
