package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.map;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooValues;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Validating transfers (deliveries and return receipts), answering the questions Odoo asks on the way. */
@Component
class OdooPickings {

    /** Validation may ask a question or two before it is done; more than this is not a question we know. */
    private static final int MAX_WIZARDS = 3;

    private final OdooClient odoo;

    OdooPickings(OdooClient odoo) {
        this.odoo = odoo;
    }

    /**
     * {@code button_validate} answers true when done, or a wizard action when it has a question: the backorder
     * confirmation for a short shipment (answered "create backorder") and, once per company unless
     * {@code skip_sms} is in the context, whether to text the customer (answered "don't send").
     */
    void validate(int pickingId) {
        JsonNode result = odoo.call("stock.picking", "button_validate", List.of(pickingId), Map.of("skip_sms", true));
        for (int wizards = 0; result.isObject(); wizards++) {
            String model = text(result.path("res_model"));
            if (wizards == MAX_WIZARDS) {
                throw new OdooBusinessException("Odoo keeps asking questions while validating delivery "
                        + pickingId + " (last: " + model + ")");
            }
            Map<String, Object> context = map(result.path("context"));
            if ("stock.backorder.confirmation".equals(model)) {
                int wizard = odoo.executeKw(model, "create", List.of(Map.of()), Map.of("context", context)).intValue();
                result = odoo.call(model, "process", List.of(wizard), context);
            } else if ("confirm.stock.sms".equals(model) && result.path("res_id").isIntegralNumber()) {
                result = odoo.call(model, "dont_send_sms", List.of(result.path("res_id").intValue()), context);
            } else {
                throw new OdooBusinessException("Odoo asks '" + text(result.path("name")) + "' (" + model
                        + ") before it validates delivery " + pickingId + "; a person has to answer it in Odoo");
            }
        }
    }
}
