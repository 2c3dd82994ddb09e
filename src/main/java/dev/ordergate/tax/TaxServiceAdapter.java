package dev.ordergate.tax;

import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import dev.ordergate.order.PeerRefusedException;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** The tax service over REST (contract: {@code contracts/tax-service.yaml}). */
@Component
class TaxServiceAdapter implements TaxAuthority {

    @FeignClient(name = "tax", url = "${ordergate.tax.url}")
    interface TaxServiceApi {

        @PostMapping("/v1/assessments")
        TaxAssessment assess(@RequestBody AssessmentRequest request);
    }

    record AssessmentRequest(String customerRef, String currency, Address shipTo, List<Line> lines) {
    }

    record Line(String lineRef, String sku, BigDecimal quantity, BigDecimal unitPrice) {
    }

    private final TaxServiceApi api;

    TaxServiceAdapter(TaxServiceApi api) {
        this.api = api;
    }

    @Override
    public TaxAssessment assess(Order order) {
        try {
            return api.assess(new AssessmentRequest(order.customerRef(), order.currency(), order.shipTo(),
                    order.lines().stream()
                            .map(l -> new Line(l.lineRef(), l.sku(), l.quantity(), l.unitPrice()))
                            .toList()));
        } catch (feign.FeignException.UnprocessableEntity refused) {
            throw PeerRefusedException.answered("tax", refused.status(), refused.contentUTF8(), refused);
        }
    }
}
