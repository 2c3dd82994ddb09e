package dev.ordergate.edi;

import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.MilestoneReached;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a partner's business documents when its order reaches a milestone, in the transaction that moved the order:
 * validated or rejected → 855 / ORDRSP, shipped → 856 / DESADV, invoiced → 810 / INVOIC. Each gets the partner's next
 * control number and is kept in {@code app.edi_documents}; the partner hears of it through the status-event outbox
 * (status {@code document}, detail {@code <type> <document id>}, to its channel's webhook) and, if its profile names
 * an outbox folder, as a file written there after the commit.
 */
@Component
class EdiOutbound {

    private static final Logger log = LoggerFactory.getLogger(EdiOutbound.class);
    static final String DOCUMENT_EVENT = "document";

    private final EdiProperties settings;
    private final EdiStore store;
    private final Orders orders;
    private final StatusEvents statusEvents;
    private final Clock clock;

    EdiOutbound(EdiProperties settings, EdiStore store, Orders orders, StatusEvents statusEvents, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.orders = orders;
        this.statusEvents = statusEvents;
        this.clock = clock;
    }

    @EventListener
    void on(MilestoneReached milestone) {
        OutboundDocuments.Kind kind = switch (milestone.milestone()) {
            case VALIDATED, REJECTED -> OutboundDocuments.Kind.ACKNOWLEDGEMENT;
            case SHIPPED -> OutboundDocuments.Kind.SHIP_NOTICE;
            case INVOICED -> OutboundDocuments.Kind.INVOICE;
            default -> null;
        };
        if (kind == null) {
            return;
        }
        store.originOf(milestone.orderId()).ifPresent(origin -> {
            EdiProperties.Partner partner = settings.partners().get(origin.partner());
            String type = OutboundDocuments.type(kind, origin.standard());
            if (partner == null || store.hasDocument(milestone.orderId(), type)) {
                return;
            }
            var order = orders.get(milestone.orderId());
            long control = store.nextControlNumber(origin.partner());
            EdiWriter.Envelope envelope = new EdiWriter.Envelope(origin.standard(), origin.syntaxVersion(),
                    settings.ourId(), origin.partnerQualifier(), origin.partnerId(), origin.partnerQualifier(), control,
                    LocalDateTime.now(clock));
            EdiWriter.Transaction body = OutboundDocuments.build(kind, origin, partner, order,
                    milestone.milestone() == OrderStatus.REJECTED, LocalDate.now(clock));
            String text = origin.standard() == Interchange.Standard.X12
                    ? EdiWriter.x12(envelope, kind.functionalId, gsVersion(origin), List.of(body))
                    : EdiWriter.edifact(envelope, List.of(body));
            var document = store.saveDocument(origin.partner(), origin.interchangeId(), milestone.orderId(), type,
                    control, text);
            statusEvents.publish(milestone.orderId(), DOCUMENT_EVENT, type + " " + document.id());
            if (partner.outboxFolder() != null) {
                afterCommit(() -> write(partner.outboxFolder(), type + "-" + control + ".edi", text));
            }
        });
    }

    private static String gsVersion(EdiStore.Origin origin) {
        return origin.messageVersion().isBlank() ? "004010" : origin.messageVersion();
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** Written under a temporary name and renamed, so a partner's pick-up never sees half a document. */
    private static void write(Path folder, String name, String text) {
        try {
            Files.createDirectories(folder);
            Path part = folder.resolve(name + ".part");
            Files.writeString(part, text);
            Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("EDI document {} not written to {}: {}; it is kept in app.edi_documents", name, folder,
                    e.getMessage());
        }
    }
}
