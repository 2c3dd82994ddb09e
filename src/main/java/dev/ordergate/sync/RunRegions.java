package dev.ordergate.sync;

import dev.ordergate.region.Regions;
import dev.ordergate.web.ApiProblems;
import dev.ordergate.web.RegionAccess;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Which synchronisation runs the caller may start and read: a run for a region {@code ordergate.regions} knows, and,
 * for an operator of some regions only (keycloak: {@code ops-<region>}), a run of one of those regions. A run without
 * a region works for every region, so it is an all-region operator's ({@code ops}). Another region's run is refused
 * before anything about it is said, as its incidents and orders are.
 */
@Component
public class RunRegions {

    private final Regions regions;
    private final RegionAccess access;

    RunRegions(Regions regions, RegionAccess access) {
        this.regions = regions;
        this.access = access;
    }

    /** Why the caller may not start a run for this region ({@code null}: for every region), if it may not. */
    public Optional<ResponseEntity<Object>> refuseStart(String region) {
        if (region != null && !regions.isConfigured(region)) {
            return Optional.of(ApiProblems.invalidParameter("region",
                    "names no region of ordergate.regions: '" + region + "'"));
        }
        return refuse(region);
    }

    /** Why the caller may not read this run, if it may not. */
    public Optional<ResponseEntity<Object>> refuseReading(SyncRuns.Run run) {
        return refuse(run.region());
    }

    /** The regions the caller operates, or empty when it operates every region. */
    public Optional<java.util.Set<String>> operated() {
        return access.regions();
    }

    /** Whether the caller operates the region of a finding (a drifting level, say; null: of a run for every region). */
    public boolean operates(String region) {
        return access.permits(region);
    }

    private Optional<ResponseEntity<Object>> refuse(String region) {
        if (access.permits(region)) {
            return Optional.empty();
        }
        String operated = access.regions().map(Object::toString).orElse("every region");
        return Optional.of(ApiProblems.problem(HttpStatus.FORBIDDEN, "region-not-operated",
                "Not an operator of the region", (region == null
                        ? "A run without a region works for every region; operators of " + operated
                        + " start runs with ?region=<one of theirs>"
                        : "The run is region " + region + "'s; you operate " + operated),
                region == null ? Map.of() : Map.of("region", region)));
    }
}
