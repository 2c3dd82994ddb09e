package dev.ordergate.tax;

import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import dev.ordergate.order.PeerRefusedException;
import dev.ordergate.region.CurrentRegion;
import dev.ordergate.region.Regions;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The tax service over REST (contract: {@code contracts/tax-service.yaml}): the order's region's own
 * ({@code ordergate.regions.<id>.tax-service-url}), else the shared one ({@code ordergate.tax.url}).
 */
@Component
class TaxServiceAdapter implements TaxAuthority {

    @FeignClient(name = "tax", url = "${ordergate.tax.url}")
    interface TaxServiceApi {

        /** {@code service}: the base URL of the tax service to ask (Feign's target for this call). */
        @PostMapping("/v1/assessments")
        TaxAssessment assess(URI service, @RequestBody AssessmentRequest request);
    }

    record AssessmentRequest(String customerRef, String currency, Address shipTo, List<Line> lines) {
    }

    record Line(String lineRef, String sku, BigDecimal quantity, BigDecimal unitPrice) {
    }

    private final TaxServiceApi api;
    private final Regions regions;
    private final URI shared;

    TaxServiceAdapter(TaxServiceApi api, Regions regions, @Value("${ordergate.tax.url}") URI shared) {
        this.api = api;
        this.regions = regions;
        this.shared = shared;
    }

    @Override
    public TaxAssessment assess(Order order) {
        try {
            URI service = regions.taxServiceOf(CurrentRegion.id()).orElse(shared);
            return api.assess(service, new AssessmentRequest(order.customerRef(), order.currency(), order.shipTo(),
                    order.lines().stream()
                            .map(l -> new Line(l.lineRef(), l.sku(), l.quantity(), l.unitPrice()))
                            .toList()));
        } catch (feign.FeignException.UnprocessableEntity refused) {
            throw PeerRefusedException.answered("tax", refused.status(), refused.contentUTF8(), refused);
        }
    }
}
