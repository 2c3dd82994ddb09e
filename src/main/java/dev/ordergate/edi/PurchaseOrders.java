package dev.ordergate.edi;

import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A purchase order message (X12 850, EDIFACT ORDERS) read into the canonical order through its partner's profile:
 * the PO number, requested date, currency, ship-to (N1/N3/N4, NAD+ST) and lines (PO1; LIN/PIA/QTY/PRI) with the
 * partner's part numbers and unit codes translated. Everything the profile cannot translate is an error that names
 * its segment and element; an order is only built from a message without any.
 */
final class PurchaseOrders {

    /** Qualifiers under which a partner sends our own product code (vendor's / supplier's article number). */
    private static final Set<String> OUR_CODE = Set.of("VP", "VN", "SA", "SK");
    private static final String BUYER_PART = "BP";
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    record Mapped(String poNumber, Order order, List<EdiError> errors) {
    }

    private PurchaseOrders() {
    }

    static Mapped map(Interchange.Message message, Interchange.Standard standard, EdiProperties.Partner partner) {
        Builder builder = new Builder(message.controlNumber(), partner);
        if (standard == Interchange.Standard.X12) {
            x12(message, builder);
        } else {
            edifact(message, builder);
        }
        return builder.build();
    }

    private static void x12(Interchange.Message message, Builder b) {
        boolean shipToLoop = false;
        for (Interchange.Segment s : message.segments()) {
            switch (s.tag()) {
                case "BEG" -> b.poNumber = required(b, s, 3);
                case "CUR" -> b.currency = s.element(2);
                case "DTM" -> {
                    if (Set.of("002", "010").contains(s.element(1))) {
                        b.requestedDate = date(b, s, 2, s.element(2));
                    }
                }
                case "N1" -> {
                    shipToLoop = "ST".equals(s.element(1));
                    if (shipToLoop) {
                        b.shipToSegment = s;
                        b.name = s.element(2);
                    }
                }
                case "N3" -> {
                    if (shipToLoop) {
                        b.street = (s.element(1) + " " + s.element(2)).trim();
                    }
                }
                case "N4" -> {
                    if (shipToLoop) {
                        b.city = s.element(1);
                        b.postalCode = s.element(3);
                        b.country = s.element(4);
                    }
                }
                case "PO1" -> {
                    String part = null;
                    String qualifier = null;
                    int partElement = 7;
                    for (int e = 6; e + 1 <= s.elements().size(); e += 2) {
                        if (BUYER_PART.equals(s.element(e)) || OUR_CODE.contains(s.element(e))) {
                            qualifier = s.element(e);
                            part = s.element(e + 1);
                            partElement = e + 1;
                            break;
                        }
                    }
                    b.line(s, s.element(1), s.element(2), 2, s.element(3), 3, s.element(4), 4, part, qualifier,
                            partElement);
                }
                default -> {
                }
            }
        }
    }

    private static void edifact(Interchange.Message message, Builder b) {
        boolean shipToLoop = false;
        LineDraft line = null;
        for (Interchange.Segment s : message.segments()) {
            switch (s.tag()) {
                case "BGM" -> b.poNumber = required(b, s, 2);
                case "CUX" -> b.currency = s.component(1, 2);
                case "DTM" -> {
                    if (Set.of("2", "64", "69").contains(s.component(1, 1)) && line == null) {
                        b.requestedDate = date(b, s, 1, s.component(1, 2));
                    }
                }
                case "NAD" -> {
                    shipToLoop = "ST".equals(s.element(1));
                    if (shipToLoop) {
                        b.shipToSegment = s;
                        b.name = s.component(4, 1).isEmpty() ? s.component(3, 1) : s.component(4, 1);
                        b.street = s.component(5, 1);
                        b.city = s.element(6);
                        b.postalCode = s.element(8);
                        b.country = s.element(9);
                    }
                }
                case "LIN" -> {
                    if (line != null) {
                        line.addTo(b);
                    }
                    line = new LineDraft(s);
                    line.lineRef = s.element(1);
                    line.part = s.component(3, 1);
                    line.qualifier = s.component(3, 2);
                }
                case "PIA" -> {
                    if (line != null && BUYER_PART.equals(s.component(2, 2))) {
                        line.part = s.component(2, 1);
                        line.qualifier = BUYER_PART;
                    }
                }
                case "QTY" -> {
                    if (line != null && "21".equals(s.component(1, 1))) {
                        line.quantity = s.component(1, 2);
                        line.unit = s.component(1, 3);
                        line.quantitySegment = s;
                    }
                }
                case "PRI" -> {
                    if (line != null && (line.price == null || "AAA".equals(s.component(1, 1)))) {
                        line.price = s.component(1, 2);
                        line.priceSegment = s;
                    }
                }
                case "UNS" -> {
                    if (line != null) {
                        line.addTo(b);
                        line = null;
                    }
                }
                default -> {
                }
            }
        }
        if (line != null) {
            line.addTo(b);
        }
    }

    /** An EDIFACT line is spread over LIN, PIA, QTY and PRI; it is complete at the next LIN or UNS. */
    private static final class LineDraft {
        final Interchange.Segment lin;
        String lineRef;
        String part;
        String qualifier;
        String quantity;
        String unit;
        String price;
        Interchange.Segment quantitySegment;
        Interchange.Segment priceSegment;

        LineDraft(Interchange.Segment lin) {
            this.lin = lin;
        }

        void addTo(Builder b) {
            if (quantitySegment == null) {
                b.errors.add(b.error(lin, 0, EdiError.Code.MISSING, "line " + lineRef + " has no QTY+21"));
                return;
            }
            if (priceSegment == null) {
                b.errors.add(b.error(lin, 0, EdiError.Code.MISSING, "line " + lineRef + " has no PRI"));
                return;
            }
            b.line(lin, lineRef, quantity, -1, unit, -1, price, -1, part, qualifier, 3, quantitySegment, priceSegment);
        }
    }

    private static String required(Builder b, Interchange.Segment s, int element) {
        String value = s.element(element);
        if (value.isBlank()) {
            b.errors.add(b.error(s, element, EdiError.Code.MISSING, "the purchase order number"));
        }
        return value;
    }

    private static LocalDate date(Builder b, Interchange.Segment s, int element, String value) {
        try {
            return LocalDate.parse(value, CCYYMMDD);
        } catch (DateTimeParseException e) {
            b.errors.add(b.error(s, element, EdiError.Code.INVALID_VALUE, "'" + value + "' is no CCYYMMDD date"));
            return null;
        }
    }

    private static final class Builder {
        final String messageControl;
        final EdiProperties.Partner partner;
        final List<EdiError> errors = new ArrayList<>();
        final List<OrderLine> lines = new ArrayList<>();
        String poNumber;
        String currency;
        LocalDate requestedDate;
        Interchange.Segment shipToSegment;
        String name;
        String street;
        String city;
        String postalCode;
        String country;

        Builder(String messageControl, EdiProperties.Partner partner) {
            this.messageControl = messageControl;
            this.partner = partner;
        }

        EdiError error(Interchange.Segment s, int element, EdiError.Code code, String detail) {
            return new EdiError(messageControl, s.tag(), s.position(), element, code, detail);
        }

        void line(Interchange.Segment s, String lineRef, String quantity, int quantityElement, String unit,
                  int unitElement, String price, int priceElement, String part, String qualifier, int partElement) {
            line(s, lineRef, quantity, quantityElement, unit, unitElement, price, priceElement, part, qualifier,
                    partElement, s, s);
        }

        /** {@code -1} for an element means: the quantity or price segment's own (EDIFACT keeps them apart). */
        void line(Interchange.Segment s, String lineRef, String quantity, int quantityElement, String unit,
                  int unitElement, String price, int priceElement, String part, String qualifier, int partElement,
                  Interchange.Segment quantitySegment, Interchange.Segment priceSegment) {
            String sku = part == null ? null
                    : BUYER_PART.equals(qualifier) ? partner.items().get(part)
                    : OUR_CODE.contains(qualifier) ? part : null;
            if (sku == null) {
                errors.add(error(s, partElement, EdiError.Code.UNKNOWN_ITEM,
                        part == null ? "no buyer's or vendor's part number" : "part '" + part + "'"));
            }
            String uom = partner.units().get(unit);
            if (uom == null) {
                errors.add(error(quantitySegment, unitElement < 0 ? 1 : unitElement, EdiError.Code.INVALID_VALUE,
                        "unit '" + unit + "' is not in the partner's profile"));
            }
            BigDecimal qty = decimal(quantitySegment, quantityElement < 0 ? 1 : quantityElement, quantity, "quantity");
            BigDecimal unitPrice = decimal(priceSegment, priceElement < 0 ? 1 : priceElement, price, "unit price");
            if (sku != null && uom != null && qty != null && unitPrice != null) {
                lines.add(new OrderLine(lineRef.isBlank() ? String.valueOf(lines.size() + 1) : lineRef, sku, qty, uom,
                        unitPrice));
            }
        }

        private BigDecimal decimal(Interchange.Segment s, int element, String value, String what) {
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException | NullPointerException e) {
                errors.add(error(s, element, EdiError.Code.INVALID_VALUE, what + " '" + value + "' is no number"));
                return null;
            }
        }

        Mapped build() {
            if (shipToSegment == null) {
                errors.add(new EdiError(messageControl, null, 0, 0, EdiError.Code.MISSING,
                        "no ship-to party (N1*ST / NAD+ST)"));
            }
            if (!errors.isEmpty()) {
                return new Mapped(poNumber, null, List.copyOf(errors));
            }
            Order order = new Order(partner.channel(), poNumber, partner.customerRef(),
                    new Address(name, street, city, postalCode.isBlank() ? null : postalCode, country), requestedDate,
                    currency == null || currency.isBlank() ? partner.currency() : currency, partner.paymentTerms(),
                    List.copyOf(lines), partner.allowSubstitutes(), partner.allowPartialShipment());
            return new Mapped(poNumber, order, List.of());
        }
    }
}
