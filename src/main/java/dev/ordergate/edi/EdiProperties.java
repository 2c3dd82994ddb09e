package dev.ordergate.edi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The trading partners and where interchanges come in. A partner is recognised by its interchange sender id (ISA06,
 * UNB sender); its profile names the channel and the customer its orders are for, its part numbers' SKUs, its unit
 * codes' Odoo units, and its defaults. Where its documents go out is the channel's status-event webhook
 * ({@code ordergate.status-events.channels.<channel>}) or {@code outbox-folder}.
 */
@ConfigurationProperties("ordergate.edi")
record EdiProperties(Map<String, Partner> partners, Inbox inbox, String ourId) {

    EdiProperties {
        partners = partners == null ? Map.of() : Map.copyOf(partners);
        ourId = ourId == null ? "ORDERGATE" : ourId;
    }

    /**
     * @param senderIds      the ids it sends as (ISA06 / UNB sender), without qualifiers
     * @param items          the partner's part numbers (PO107 / LIN or PIA) to our SKUs; a part not here is refused
     * @param units          its unit codes (PO103, QTY 6411: EA, CA, PK ...) to Odoo units of measure
     * @param outboxFolder   where its outbound documents are written (besides the channel's webhook), if anywhere
     */
    record Partner(String channel, String customerRef, List<String> senderIds, String currency, String paymentTerms,
                   Map<String, String> items, Map<String, String> units, boolean allowSubstitutes,
                   boolean allowPartialShipment, Path outboxFolder) {

        Partner {
            senderIds = senderIds == null ? List.of() : List.copyOf(senderIds);
            items = items == null ? Map.of() : Map.copyOf(items);
            units = units == null ? Map.of() : Map.copyOf(units);
        }
    }

    /**
     * A watched folder for the embedded default: off unless {@code folder} is set. A file is taken once its size and
     * modification time have not changed for {@code settleAfter} (a partner's upload still being written is left
     * alone) and names ending {@code .part} or {@code .tmp} are never taken; it then moves to {@code processed/} or
     * {@code rejected/}, its acknowledgement beside it.
     */
    record Inbox(Path folder, Duration pollInterval, Duration settleAfter) {
    }

    Optional<Map.Entry<String, Partner>> partnerSending(String senderId) {
        return partners.entrySet().stream().filter(p -> p.getValue().senderIds().contains(senderId)).findFirst();
    }
}
