package dev.ordergate.pricing;

import dev.ordergate.order.PeerRefusedException;
import feign.FeignException;
import dev.ordergate.region.CurrentRegion;
import dev.ordergate.region.Regions;
import java.net.URI;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/** The pricing engine over REST (contract: {@code contracts/pricing-engine.yaml}). */
class PricingEngineSource implements PriceSource {

    /** The peer's name in refusals (order.RefusalCodes). */
    static final String PEER = "pricing-engine";

    @FeignClient(name = "pricing-engine", url = "${ordergate.sync.pricing-engine.url}")
    interface PricingEngineApi {

        /** {@code engine}: the base URL of the engine to ask (Feign's target for this call). */
        @GetMapping("/v1/agreements")
        Feed agreements(URI engine);
    }

    record Feed(List<PriceAgreement> agreements) {
    }

    private final PricingEngineApi api;
    private final URI url;
    private final Regions regions;

    PricingEngineSource(PricingEngineApi api, URI url, Regions regions) {
        this.api = api;
        this.url = url;
        this.regions = regions;
    }

    /** The engine of the run's region when it has its own (a run for one region), else the configured one. */
    private URI engine() {
        return regions.pricingEngineOf(CurrentRegion.id()).orElse(url);
    }

    @Override
    public String describe() {
        return "pricing-engine " + engine();
    }

    @Override
    public List<PriceAgreement> fetch() {
        Feed feed;
        try {
            feed = api.agreements(engine());
        } catch (FeignException.UnprocessableEntity refused) {
            // The engine's business refusals are its 422 answers (contracts/pricing-engine.yaml): a steward's to resolve.
            throw PeerRefusedException.answered(PEER, refused.status(), refused.contentUTF8(), refused);
        }
        return feed == null || feed.agreements() == null ? List.of() : feed.agreements();
    }
}
