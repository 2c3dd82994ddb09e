package dev.ordergate.edi;

import dev.ordergate.order.OrderLine;
import dev.ordergate.order.OrderRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our business documents about a partner's order, in its standard: the purchase order acknowledgement (855 / ORDRSP)
 * from the gates' verdict per line (accepted, changed to a substitute, rejected), the ship notice (856 / DESADV) and
 * the invoice (810 / INVOIC). Part numbers and units go back in the partner's own codes (the profile read backwards).
 */
final class OutboundDocuments {

    enum Kind {
        ACKNOWLEDGEMENT("855", "ORDRSP", "PR"),
        SHIP_NOTICE("856", "DESADV", "SH"),
        INVOICE("810", "INVOIC", "IN");

        final String x12;
        final String edifact;
        final String functionalId;

        Kind(String x12, String edifact, String functionalId) {
            this.x12 = x12;
            this.edifact = edifact;
            this.functionalId = functionalId;
        }
    }

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private OutboundDocuments() {
    }

    static String type(Kind kind, Interchange.Standard standard) {
        return standard == Interchange.Standard.X12 ? kind.x12 : kind.edifact;
    }

    /** The message body (without ST/SE or UNH/UNT) of the document. */
    static EdiWriter.Transaction build(Kind kind, EdiStore.Origin origin, EdiProperties.Partner partner,
                                       OrderRecord order, boolean rejected, LocalDate today) {
        Codes codes = new Codes(partner);
        List<EdiWriter.Segment> s = new ArrayList<>();
        List<OrderLine> lines = order.order().lines();
        String date = today.format(CCYYMMDD);
        boolean x12 = origin.standard() == Interchange.Standard.X12;
        switch (kind) {
            case ACKNOWLEDGEMENT -> {
                boolean changed = lines.stream().anyMatch(OrderLine::substituted);
                if (x12) {
                    s.add(seg("BAK", "00", rejected ? "RD" : changed ? "AC" : "AD", origin.poNumber(), date));
                    for (OrderLine line : lines) {
                        s.add(seg("PO1", line.lineRef(), qty(line.quantity()), codes.unit(line.uom()),
                                money(line.unitPrice()), "", codes.qualifier(line.sku()), codes.part(line.sku())));
                        s.add(seg("ACK", rejected ? "IR" : line.substituted() ? "IS" : "IA", qty(line.quantity()),
                                codes.unit(line.uom())));
                    }
                    s.add(seg("CTT", String.valueOf(lines.size())));
                } else {
                    s.add(seg("BGM", "231", origin.poNumber() + "-R", rejected ? "27" : changed ? "4" : "29"));
                    s.add(seg("DTM", c("137", date, "102")));
                    s.add(seg("RFF", c("ON", origin.poNumber())));
                    for (OrderLine line : lines) {
                        // 1229: 5 accepted without amendment, 3 changed, 7 not accepted.
                        s.add(seg("LIN", line.lineRef(), rejected ? "7" : line.substituted() ? "3" : "5",
                                c(codes.part(line.sku()), codes.qualifier(line.sku()))));
                        s.add(seg("QTY", c("21", qty(line.quantity()), codes.unit(line.uom()))));
                        s.add(seg("PRI", c("AAA", money(line.unitPrice()))));
                    }
                    s.add(seg("UNS", "S"));
                }
            }
            case SHIP_NOTICE -> {
                if (x12) {
                    s.add(seg("BSN", "00", order.salesOrderRef() == null ? origin.poNumber() : order.salesOrderRef(),
                            date, "0000"));
                    s.add(seg("HL", "1", "", "S"));
                    s.add(seg("HL", "2", "1", "O"));
                    s.add(seg("PRF", origin.poNumber()));
                    int hl = 3;
                    for (OrderLine line : lines) {
                        s.add(seg("HL", String.valueOf(hl++), "2", "I"));
                        s.add(seg("LIN", line.lineRef(), codes.qualifier(line.sku()), codes.part(line.sku())));
                        s.add(seg("SN1", "", qty(line.quantity()), codes.unit(line.uom())));
                    }
                    s.add(seg("CTT", String.valueOf(hl - 1)));
                } else {
                    s.add(seg("BGM", "351", order.salesOrderRef() == null ? origin.poNumber() : order.salesOrderRef(),
                            "9"));
                    s.add(seg("DTM", c("137", date, "102")));
                    s.add(seg("RFF", c("ON", origin.poNumber())));
                    s.add(seg("CPS", "1"));
                    for (OrderLine line : lines) {
                        s.add(seg("LIN", line.lineRef(), "", c(codes.part(line.sku()),
                                codes.qualifier(line.sku()))));
                        s.add(seg("QTY", c("12", qty(line.quantity()), codes.unit(line.uom()))));
                    }
                }
            }
            case INVOICE -> {
                BigDecimal total = lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (x12) {
                    s.add(seg("BIG", date, order.invoiceRef(), "", origin.poNumber()));
                    for (OrderLine line : lines) {
                        s.add(seg("IT1", line.lineRef(), qty(line.quantity()), codes.unit(line.uom()),
                                money(line.unitPrice()), "", codes.qualifier(line.sku()), codes.part(line.sku())));
                    }
                    // TDS01 is the amount in cents, without a decimal point.
                    s.add(seg("TDS", total.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString()));
                    s.add(seg("CTT", String.valueOf(lines.size())));
                } else {
                    s.add(seg("BGM", "380", order.invoiceRef(), "9"));
                    s.add(seg("DTM", c("137", date, "102")));
                    s.add(seg("RFF", c("ON", origin.poNumber())));
                    s.add(seg("CUX", c("2", order.order().currency(), "4")));
                    for (OrderLine line : lines) {
                        s.add(seg("LIN", line.lineRef(), "", c(codes.part(line.sku()),
                                codes.qualifier(line.sku()))));
                        s.add(seg("QTY", c("47", qty(line.quantity()), codes.unit(line.uom()))));
                        s.add(seg("MOA", c("203", money(line.amount()))));
                        s.add(seg("PRI", c("AAA", money(line.unitPrice()))));
                    }
                    s.add(seg("UNS", "S"));
                    s.add(seg("MOA", c("86", money(total))));
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        String type = type(kind, origin.standard());
        if (x12) {
            return new EdiWriter.Transaction(type, origin.messageVersion().length() > 6 ? origin.messageVersion() : null, s);
        }
        String[] version = origin.messageVersion().split("\\.");
        return new EdiWriter.Transaction(type + ":" + version[0] + ":" + (version.length > 1 ? version[1] : "") + ":UN",
                null, s);
    }

    private static EdiWriter.Segment seg(String tag, Object... elements) {
        return new EdiWriter.Segment(tag, elements);
    }

    /** A composite element; typed Object so that a segment of one composite is not taken as the varargs array. */
    private static Object c(String... components) {
        return components;
    }

    private static String qty(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The partner's profile read backwards: our SKU to its part number (BP), our unit to its unit code. */
    private record Codes(EdiProperties.Partner partner) {

        String part(String sku) {
            return buyerPart(sku).orElse(sku);
        }

        String qualifier(String sku) {
            return buyerPart(sku).isPresent() ? "BP" : "VP";
        }

        String unit(String uom) {
            return partner.units().entrySet().stream().filter(e -> e.getValue().equals(uom)).map(Map.Entry::getKey)
                    .sorted().findFirst().orElse(uom);
        }

        private java.util.Optional<String> buyerPart(String sku) {
            return partner.items().entrySet().stream().filter(e -> e.getValue().equals(sku)).map(Map.Entry::getKey)
                    .sorted().findFirst();
        }
    }
}
