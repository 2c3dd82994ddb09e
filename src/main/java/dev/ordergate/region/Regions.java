package dev.ordergate.region;

import dev.ordergate.region.RegionProperties.Region;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.instance.Text;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** Which region an order belongs to (the analysts' {@code order-region} table) and what that region is. */
@Service
@EnableConfigurationProperties(RegionProperties.class)
public class Regions {

    /** The process variable that holds an order's region id. */
    public static final String VARIABLE = "region";
    static final String DECISION = "order-region";

    /** Outcomes kept per version of the table; more distinct inputs than this are decided without keeping them. */
    static final int KEPT_OUTCOMES = 1000;

    private final DecisionService decisions;
    private final RepositoryService repository;
    private final RegionProperties properties;
    private volatile Outcomes outcomes = new Outcomes("", false);

    Regions(DecisionService decisions, RepositoryService repository, RegionProperties properties) {
        this.decisions = decisions;
        this.repository = repository;
        this.properties = properties;
    }

    /**
     * The outcomes of one deployed version of the table. A table whose texts call no FEEL function (no {@code now()},
     * no {@code date(...)}) decides from the three inputs alone, so its outcome for the same inputs is the same each
     * time: it is evaluated once per inputs and version, not once per order (FEEL cost half the intake's time in the
     * profile, docs/benchmarks.md). A version with a function call is evaluated every time.
     */
    private record Outcomes(String definitionId, boolean keepable, Map<List<String>, String> kept) {

        Outcomes(String definitionId, boolean keepable) {
            this(definitionId, keepable, new ConcurrentHashMap<>());
        }
    }

    /** The region of an order from its channel, ship-to country and currency; a region the table names must exist. */
    public String regionOf(String channel, String shipToCountry, String currency) {
        String definitionId = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).latestVersion()
                .singleResult().getId();
        Outcomes current = outcomes;
        if (!current.definitionId().equals(definitionId)) {
            current = new Outcomes(definitionId, callsNoFunction(definitionId));
            outcomes = current;
        }
        List<String> key = Arrays.asList(channel, shipToCountry, currency);
        String region = current.keepable() ? current.kept().get(key) : null;
        if (region == null) {
            Map<String, Object> inputs = new HashMap<>();
            inputs.put("channel", channel);
            inputs.put("shipToCountry", shipToCountry);
            inputs.put("currency", currency);
            region = decisions.evaluateDecisionTableById(definitionId).variables(inputs).evaluate()
                    .getSingleResult().getSingleEntry();
            get(region);
            if (current.keepable() && current.kept().size() < KEPT_OUTCOMES) {
                current.kept().put(key, region);
            }
        }
        return region;
    }

    private boolean callsNoFunction(String definitionId) {
        return repository.getDmnModelInstance(definitionId).getModelElementsByType(Text.class).stream()
                .noneMatch(text -> text.getTextContent() != null && text.getTextContent().contains("("));
    }

    /** The configured region; an id the configuration does not know is a configuration error. */
    public Region get(String region) {
        Region found = properties.regions().get(region);
        if (found == null) {
            throw new IllegalStateException("The region '%s' (from %s.dmn) is not configured under ordergate.regions; known: %s"
                    .formatted(region, DECISION, properties.regions().keySet()));
        }
        return found;
    }

    /** Every configured region's id. */
    public java.util.Set<String> ids() {
        return properties.regions().keySet();
    }

    /** Whether the region is configured (an id given from outside, e.g. an API parameter). */
    public boolean isConfigured(String region) {
        return region != null && properties.regions().containsKey(region);
    }

    /** Whether orders of this region are validated and reported only, never committed to Odoo. */
    public boolean isShadow(String region) {
        return region != null && get(region).mode() == RegionProperties.Mode.SHADOW;
    }

    /**
     * Whether the order of this execution belongs to a shadow region: the model's "Region live?" gateway
     * ({@code ${regions.inShadow(execution)}}). Orders started before regions existed are live.
     */
    public boolean inShadow(org.camunda.bpm.engine.delegate.VariableScope execution) {
        return execution.getVariable(VARIABLE) instanceof String region && isShadow(region);
    }

    /** The tax service the order's region asks, or empty for the shared one (and for no region). */
    public java.util.Optional<java.net.URI> taxServiceOf(String region) {
        return java.util.Optional.ofNullable(region == null ? null : get(region).taxServiceUrl());
    }

    /** The WMS of the region's warehouses, or empty for the shared one (and for no region). */
    public java.util.Optional<java.net.URI> wmsOf(String region) {
        return java.util.Optional.ofNullable(region == null ? null : get(region).wmsUrl());
    }

    /** The master-data hub the region's runs read and write, or empty for the shared one (and for no region). */
    public java.util.Optional<java.net.URI> masterDataHubOf(String region) {
        return java.util.Optional.ofNullable(region == null ? null : get(region).masterData().hubUrl());
    }

    /** The region's own pricing engine when it is its pricing authority; empty for its Odoo company's pricelists. */
    public java.util.Optional<java.net.URI> pricingEngineOf(String region) {
        return region == null || !get(region).pricedByEngine() ? java.util.Optional.empty()
                : java.util.Optional.of(get(region).pricingEngineUrl());
    }

    /**
     * The regions a scheduled synchronisation runs for, one run each: the live ones. A region in shadow commits
     * nothing to Odoo, so its synchronisations (which write into Odoo) wait until it goes live; they can be started
     * for it through the API. Empty when no region is configured (one run in the API user's company, as before).
     */
    public java.util.List<String> scheduledRegions() {
        return properties.regions().entrySet().stream().filter(e -> e.getValue().mode() == RegionProperties.Mode.LIVE)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The region's own owner of a master-data field, if it names one (else the shared ownership applies). */
    public java.util.Optional<String> masterDataOwner(String region, String entity, String field) {
        return region == null ? java.util.Optional.empty() : get(region).masterData().owner(entity, field);
    }

    /** Every region's own master-data owners, to be checked at start-up: region → entity → field → owner. */
    public Map<String, Map<String, Map<String, String>>> masterDataOwners() {
        Map<String, Map<String, Map<String, String>>> owners = new java.util.TreeMap<>();
        properties.regions().forEach((id, region) -> owners.put(id, region.masterData().owners()));
        return owners;
    }

    /** The Odoo company of the region, or null for the API user's own company (and for no region). */
    public Integer companyOf(String region) {
        return region == null ? null : get(region).company();
    }
}
