package dev.ordergate.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderConflictException;
import dev.ordergate.order.OrderRecord;
import dev.ordergate.order.OrderStarts;
import dev.ordergate.order.Orders;
import dev.ordergate.order.RegionRefusedException;
import dev.ordergate.region.Regions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receiving an order: store it, with the start of its process owed beside it, in one transaction, exactly once per
 * business key; the process starts right after the commit ({@link OrderStarts}). What runs here is what a channel
 * waits for; its statements are counted by IntakeStatementsTest. The same order again answers the existing one; the
 * same key with another body is a conflict.
 */
@Service
public class OrderIntake {

    private final Orders orders;
    private final OrderStarts starts;
    private final TransactionTemplate tx;
    private final ObjectMapper canonical;
    private final Regions regions;

    OrderIntake(Orders orders, OrderStarts starts, TransactionTemplate tx, ObjectMapper json, Regions regions) {
        this.orders = orders;
        this.regions = regions;
        this.starts = starts;
        this.tx = tx;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    public record Receipt(OrderRecord order, boolean created) {
    }

    public Receipt receive(Order order) {
        String hash = hash(order);
        var existing = existing(order.businessKey(), hash);
        if (existing != null) {
            return existing;
        }
        String id = UUID.randomUUID().toString();
        try {
            // One transaction, one commit: the region's decision, the order row with its first milestone and status
            // event, and its process's start owed. The channel's answer is what was stored (the process id is not in
            // it: the process starts after the commit, within milliseconds; the order's page shows it then).
            return tx.execute(status -> {
                String region = regions.regionOf(order.channel(), order.shipTo().country(), order.currency());
                admit(order, region);
                var stored = orders.insert(id, order, hash, region);
                starts.request(id, order.businessKey(), region);
                return new Receipt(stored, true);
            });
        } catch (DuplicateKeyException | PessimisticLockingFailureException | QueryTimeoutException raced) {
            // Another request with the same key got there first (on H2 the loser may time out waiting for the
            // winner's lock instead of seeing the duplicate): answer as for any duplicate once the winner is in.
            Receipt winner = existing(order.businessKey(), hash);
            if (winner == null) {
                throw raced;
            }
            return winner;
        }
    }

    /**
     * Refuses an order its region does not take. A currency other than the region's is refused here rather than
     * reviewed: the region's pricelists, taxes and journal are in its currency, and only the channel can resend the
     * order in it (a reviewer cannot change what the customer ordered in).
     */
    private void admit(Order order, String region) {
        var regional = regions.get(region);
        if (!regional.admits(order.channel())) {
            throw new RegionRefusedException(RegionRefusedException.Reason.CHANNEL_NOT_BOUND, region,
                    "Channel '%s' may not submit orders for region '%s' (ordergate.regions.%s.channels: %s)"
                            .formatted(order.channel(), region, region, regional.channels()));
        }
        if (regional.currency() != null && !regional.currency().equals(order.currency())) {
            throw new RegionRefusedException(RegionRefusedException.Reason.CURRENCY_NOT_THE_REGIONS, region,
                    "The order is in %s, but region '%s' (decided by its channel, ship-to country and currency) "
                            .formatted(order.currency(), region)
                            + "prices and invoices in " + regional.currency() + "; send it in " + regional.currency());
        }
    }

    private Receipt existing(String businessKey, String hash) {
        return orders.requestHash(businessKey).map(storedHash -> {
            if (!storedHash.equals(hash)) {
                throw new OrderConflictException(businessKey);
            }
            return new Receipt(orders.findByBusinessKey(businessKey).orElseThrow(), false);
        }).orElse(null);
    }

    /** A digest of the order that ignores property order and trailing zeros (12 and 12.00 are the same). */
    String hash(Order order) {
        try {
            JsonNode tree = normalise(canonical.valueToTree(order));
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot hash order", e);
        }
    }

    private static JsonNode normalise(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            var fields = new TreeMap<String, JsonNode>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), normalise(e.getValue())));
            fields.forEach(sorted::set);
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> array.add(normalise(child)));
            return array;
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.textNode(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return node;
    }
}
