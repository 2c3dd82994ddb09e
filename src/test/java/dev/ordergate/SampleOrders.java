package dev.ordergate;

import java.util.UUID;

/** Order documents for tests, built from the README's sample order so every test reads the same shape. */
public final class SampleOrders {

    private SampleOrders() {
    }

    public static String uniqueRef() {
        return "PO-" + UUID.randomUUID();
    }

    /** The README's sample: passes every gate against the sandbox's demo data. */
    public static String sample(String ref) {
        return order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "12", "299.00") + "," + line("2", "E-COM07", "5", "280.00"));
    }

    public static String order(String ref, String customer, String country, String postalCode, String lines) {
        return """
                {
                  "channel": "b2b-portal",
                  "channelOrderRef": "%s",
                  "customerRef": "%s",
                  "shipTo": { "name": "Acme Warehouse 3", "street": "1 Dock Rd", "city": "Fresno", "postalCode": "%s", "country": "%s" },
                  "requestedDate": "2026-12-03",
                  "currency": "USD",
                  "paymentTerms": "30 Days",
                  "lines": [ %s ],
                  "allowSubstitutes": true,
                  "allowPartialShipment": false
                }
                """.formatted(ref, customer, postalCode, country, lines);
    }

    public static String line(String lineRef, String sku, String quantity, String unitPrice) {
        return """
                { "lineRef": "%s", "sku": "%s", "quantity": %s, "uom": "Units", "unitPrice": %s }
                """.formatted(lineRef, sku, quantity, unitPrice);
    }
}
