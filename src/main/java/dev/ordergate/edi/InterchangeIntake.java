package dev.ordergate.edi;

import dev.ordergate.intake.OrderIntake;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderConflictException;
import dev.ordergate.order.RegionRefusedException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receiving an interchange: read it, find its partner, turn each purchase order into a canonical order through the
 * partner's profile, and hand them to the order intake (the same gates, idempotent on the partner's channel and PO
 * number) in one transaction with the interchange and its acknowledgement, so it is taken whole or not at all. A
 * resent interchange (same sender, same control number) is answered with its first acknowledgement.
 */
@Service
class InterchangeIntake {

    /** What we take: X12 850 in 4010 and 5010, EDIFACT ORDERS in D.96A and D.01B. */
    private static final Set<String> X12_VERSIONS = Set.of("004010", "005010");
    private static final Set<String> EDIFACT_VERSIONS = Set.of("D.96A", "D.01B");

    enum Outcome { ACCEPTED, DUPLICATE, REJECTED, UNREADABLE }

    record PurchaseOrder(String poNumber, String orderId, boolean created) {
    }

    record Result(Outcome outcome, String partner, String interchangeId, Acknowledgements.Ack ack,
                  List<PurchaseOrder> orders, List<EdiError> errors) {

        boolean syntaxError() {
            return errors.stream().anyMatch(e -> e.code() == EdiError.Code.SYNTAX
                    || e.code() == EdiError.Code.CONTROL_COUNT || e.code() == EdiError.Code.CONTROL_REFERENCE);
        }
    }

    private final EdiProperties settings;
    private final EdiStore store;
    private final OrderIntake intake;
    private final Validator validator;
    private final TransactionTemplate tx;
    private final Clock clock;

    InterchangeIntake(EdiProperties settings, EdiStore store, OrderIntake intake, Validator validator,
                      TransactionTemplate tx, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.intake = intake;
        this.validator = validator;
        this.tx = tx;
        this.clock = clock;
    }

    Result receive(byte[] body) {
        EdiReader.Reading reading = EdiReader.read(body);
        Interchange in = reading.interchange();
        if (in.sender() == null || in.standard() == null || in.controlNumber() == null) {
            return new Result(Outcome.UNREADABLE, null, null, null, List.of(), reading.errors());
        }
        var partner = settings.partnerSending(in.sender());
        String partnerName = partner.map(Map.Entry::getKey).orElse("unknown:" + in.sender());
        List<EdiError> errors = new ArrayList<>(reading.errors());
        if (partner.isEmpty()) {
            errors.add(new EdiError(null, in.standard() == Interchange.Standard.X12 ? "ISA" : "UNB", 1,
                    in.standard() == Interchange.Standard.X12 ? 6 : 2, EdiError.Code.UNKNOWN_PARTNER,
                    "'" + in.sender() + "'"));
        }
        if (!errors.isEmpty()) {
            return rejected(partnerName, in, errors);
        }
        var duplicate = duplicateOf(partnerName, in);
        if (duplicate != null) {
            return duplicate;
        }
        List<PurchaseOrders.Mapped> mapped = new ArrayList<>();
        Map<String, String> messageOfPo = new java.util.HashMap<>();
        for (Interchange.Message message : in.messages()) {
            if (!supported(in, message)) {
                errors.add(new EdiError(message.controlNumber(), in.standard() == Interchange.Standard.X12 ? "ST" : "UNH",
                        1, in.standard() == Interchange.Standard.X12 ? 1 : 2, EdiError.Code.UNSUPPORTED_MESSAGE,
                        message.type() + " " + message.version()));
                continue;
            }
            PurchaseOrders.Mapped po = PurchaseOrders.map(message, in.standard(), partner.get().getValue());
            errors.addAll(po.errors());
            if (po.order() != null) {
                errors.addAll(validate(message, po.order()));
                mapped.add(po);
                messageOfPo.put(po.poNumber(), message.controlNumber());
            }
        }
        if (errors.isEmpty() && mapped.isEmpty()) {
            errors.add(new EdiError(null, null, 0, 0, EdiError.Code.MISSING, "no purchase order in the interchange"));
        }
        if (!errors.isEmpty()) {
            return rejected(partnerName, in, errors);
        }
        try {
            return tx.execute(status -> accept(partnerName, in, mapped));
        } catch (DuplicateKeyException raced) {
            // The same interchange came in twice at once and the other one was stored first.
            Result first = duplicateOf(partnerName, in);
            if (first == null) {
                throw raced;
            }
            return first;
        } catch (OrderConflictException conflict) {
            String po = conflict.businessKey().substring(conflict.businessKey().indexOf(':') + 1);
            return rejected(partnerName, in, List.of(new EdiError(messageOfPo.get(po),
                    in.standard() == Interchange.Standard.X12 ? "BEG" : "BGM", 2,
                    in.standard() == Interchange.Standard.X12 ? 3 : 2, EdiError.Code.INVALID_VALUE,
                    "PO " + po + " was received before with other content")));
        } catch (RegionRefusedException refused) {
            // Its region does not take the order (channel not bound, another currency): no PO of it is kept.
            return rejected(partnerName, in, List.of(new EdiError(null, null, 0, 0, EdiError.Code.INVALID_VALUE,
                    refused.getMessage())));
        }
    }

    private Result accept(String partner, Interchange in, List<PurchaseOrders.Mapped> mapped) {
        String interchangeId = store.insertInterchange(partner, in);
        List<PurchaseOrder> orders = new ArrayList<>();
        for (PurchaseOrders.Mapped po : mapped) {
            OrderIntake.Receipt receipt = intake.receive(po.order());
            store.linkOrder(interchangeId, po.poNumber(), receipt.order().id());
            orders.add(new PurchaseOrder(po.poNumber(), receipt.order().id(), receipt.created()));
        }
        Acknowledgements.Ack ack = acknowledge(partner, in, List.of(), interchangeId);
        return new Result(Outcome.ACCEPTED, partner, interchangeId, ack, orders, List.of());
    }

    private Result rejected(String partner, Interchange in, List<EdiError> errors) {
        List<EdiError> sorted = errors.stream().sorted(Comparator.comparing(
                (EdiError e) -> e.message() == null ? "" : e.message()).thenComparingInt(EdiError::segmentPosition)).toList();
        // The acknowledgement's control number is used up even though nothing else is kept: numbers never repeat.
        Acknowledgements.Ack ack = tx.execute(status -> acknowledge(partner, in, sorted, null));
        return new Result(Outcome.REJECTED, partner, null, ack, List.of(), sorted);
    }

    private Acknowledgements.Ack acknowledge(String partner, Interchange in, List<EdiError> errors,
                                             String interchangeId) {
        long control = store.nextControlNumber(partner);
        EdiWriter.Envelope envelope = new EdiWriter.Envelope(in.standard(), in.syntaxVersion(), in.receiver(),
                in.receiverQualifier(), in.sender(), in.senderQualifier(), control, LocalDateTime.now(clock));
        Acknowledgements.Ack ack = Acknowledgements.of(in, errors, envelope);
        if (interchangeId != null) {
            store.saveDocument(partner, interchangeId, null, ack.type(), control, ack.text());
        }
        return ack;
    }

    private Result duplicateOf(String partner, Interchange in) {
        return store.interchangeFrom(in.sender(), in.controlNumber())
                .map(id -> new Result(Outcome.DUPLICATE, partner, id,
                        store.acknowledgementOf(id).map(d -> new Acknowledgements.Ack(d.type(), d.content())).orElse(null),
                        store.ordersOf(id).stream().map(r -> new PurchaseOrder(r.poNumber(), r.orderId(), false)).toList(),
                        List.of()))
                .orElse(null);
    }

    private static boolean supported(Interchange in, Interchange.Message message) {
        if (in.standard() == Interchange.Standard.X12) {
            return "850".equals(message.type()) && message.version() != null && message.version().length() >= 6
                    && X12_VERSIONS.contains(message.version().substring(0, 6));
        }
        return "ORDERS".equals(message.type()) && EDIFACT_VERSIONS.contains(message.version());
    }

    private List<EdiError> validate(Interchange.Message message, Order order) {
        return validator.validate(order).stream()
                .map(v -> new EdiError(message.controlNumber(), null, 0, 0, EdiError.Code.INVALID_VALUE,
                        v.getPropertyPath() + " " + v.getMessage()))
                .sorted(Comparator.comparing(EdiError::detail))
                .toList();
    }
}
