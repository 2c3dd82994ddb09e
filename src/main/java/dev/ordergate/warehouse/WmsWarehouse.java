package dev.ordergate.warehouse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import dev.ordergate.order.PeerRefusedException;
import dev.ordergate.region.CurrentRegion;
import dev.ordergate.region.Regions;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The WMS over REST (contract: {@code contracts/wms.yaml}): the order's region's own
 * ({@code ordergate.regions.<id>.wms-url}), else the shared one ({@code ordergate.wms.url}). The release id (our
 * business key, then business key~2 ... for later releases) is recognised by the WMS, so a retried release ships
 * nothing twice.
 */
@Component
class WmsWarehouse implements Warehouse {

    @FeignClient(name = "wms", url = "${ordergate.wms.url}")
    interface WmsApi {

        /** {@code wms}: the base URL of the WMS to tell (Feign's target for this call). */
        @PostMapping("/v1/releases")
        ReleaseAck release(URI wms, @RequestBody Release release);

        @org.springframework.web.bind.annotation.DeleteMapping("/v1/releases/{releaseId}")
        void withdraw(URI wms, @org.springframework.web.bind.annotation.PathVariable("releaseId") String releaseId);

        @PostMapping("/v1/returns")
        void expectReturn(URI wms, @RequestBody ReturnAdvice advice);
    }

    /** Goods the customer sends back; the WMS answers with a receipt to our API under {@code returnId}. */
    record ReturnAdvice(String returnId, String businessKey, List<ReturnLine> lines) {
    }

    record ReturnLine(String sku, BigDecimal quantity) {
    }

    record Release(String releaseId, String businessKey, Address shipTo, List<Line> lines) {
    }

    record Line(String lineRef, String sku, BigDecimal quantity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReleaseAck(String releaseId, String status) {
    }

    private final WmsApi api;
    private final Regions regions;
    private final URI shared;

    WmsWarehouse(WmsApi api, Regions regions, @Value("${ordergate.wms.url}") URI shared) {
        this.api = api;
        this.regions = regions;
        this.shared = shared;
    }

    /** The WMS of the order's region when it has its own, else the shared one. */
    private URI wms() {
        return regions.wmsOf(CurrentRegion.id()).orElse(shared);
    }

    @Override
    public void release(String releaseId, Order order) {
        try {
            api.release(wms(), new Release(releaseId, order.businessKey(), order.shipTo(),
                    order.lines().stream().map(l -> new Line(l.lineRef(), l.sku(), l.quantity())).toList()));
        } catch (feign.FeignException.UnprocessableEntity refused) {
            throw refusal(refused);
        }
    }

    @Override
    public void expectReturn(String returnId, String businessKey, Map<String, BigDecimal> quantitiesBySku) {
        try {
            api.expectReturn(wms(), new ReturnAdvice(returnId, businessKey, quantitiesBySku.entrySet().stream()
                    .map(e -> new ReturnLine(e.getKey(), e.getValue())).toList()));
        } catch (feign.FeignException.UnprocessableEntity refused) {
            throw refusal(refused);
        }
    }

    /** The WMS's business refusals are its 422 answers (contracts/wms.yaml); everything else is technical. */
    private static PeerRefusedException refusal(feign.FeignException refused) {
        return PeerRefusedException.answered("wms", refused.status(), refused.contentUTF8(), refused);
    }

    @Override
    public void withdraw(String releaseId) {
        try {
            api.withdraw(wms(), releaseId);
        } catch (feign.FeignException.Conflict shipped) {
            throw new IllegalStateException("The warehouse has already shipped " + releaseId
                    + "; it cannot be withdrawn (" + shipped.contentUTF8() + ")", shipped);
        }
    }
}
