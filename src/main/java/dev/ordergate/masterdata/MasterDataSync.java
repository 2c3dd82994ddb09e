package dev.ordergate.masterdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.masterdata.MasterDataStore.Action;
import dev.ordergate.masterdata.MasterDataStore.Agreed;
import dev.ordergate.masterdata.MasterDataStore.Outcome;
import dev.ordergate.region.Regions;
import dev.ordergate.sync.SyncProperties;
import dev.ordergate.sync.SyncRuns;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Master-data sync in the steps the process runs as separate jobs: read what changed in Odoo since its
 * {@code write_date} watermark and what the hub reports since its cursor, plan by field ownership (the owner's change
 * goes to the other side, anyone else's is a conflict for a steward), apply the owner's changes and move the
 * watermarks, then apply each steward's decision. Nothing a non-owner wrote overwrites anything until decided.
 * A run for a region works in the region's Odoo company (its process carries the region) with the region's own field
 * owners where it names them, and keeps its own watermarks and agreed values.
 */
@Service("masterDataSync")
public class MasterDataSync {

    static final String SIDE_ODOO = "odoo";
    static final String SIDE_HUB = "hub";
    static final Set<String> DECISIONS = Set.of("keep-owner", "take-other");
    /** Sources of the hub's changes that are our own updates coming back: Odoo's truth is read from Odoo itself. */
    private static final Set<String> ECHOES = Set.of(MasterDataEntities.ODOO, "ordergate");
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };
    private static final DateTimeFormatter ODOO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SyncRuns runs;
    private final MasterDataStore store;
    private final MasterDataRecords odoo;
    private final MasterDataHub hub;
    private final SyncProperties properties;
    private final Regions regions;
    /** Our own mapper: the application's leaves out nulls, and a cleared field is a value here. */
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    MasterDataSync(SyncRuns runs, MasterDataStore store, MasterDataRecords odoo, MasterDataHub hub,
                   SyncProperties properties, Regions regions, Clock clock) {
        this.runs = runs;
        this.store = store;
        this.odoo = odoo;
        this.hub = hub;
        this.properties = properties;
        this.regions = regions;
        this.clock = clock;
        checkRegionalOwners(regions.masterDataOwners());
    }

    /** A region's owner that names an unknown entity, field or system is a configuration error, found at start-up. */
    static void checkRegionalOwners(Map<String, Map<String, Map<String, String>>> owners) {
        owners.forEach((region, entities) -> entities.forEach((entity, fields) -> fields.forEach((field, owner) -> {
            String setting = "ordergate.regions." + region + ".master-data.owners." + entity + "." + field;
            if (!MasterDataEntities.known(entity)) {
                throw new IllegalStateException(setting + ": '" + entity + "' is not one of " + MasterDataEntities.names());
            }
            if (!MasterDataEntities.entity(entity).fields().containsKey(field)) {
                throw new IllegalStateException(setting + ": '" + field + "' is not a field of " + entity + " ("
                        + MasterDataEntities.entity(entity).fields().keySet() + ")");
            }
            if (!MasterDataEntities.SYSTEMS.contains(owner)) {
                throw new IllegalStateException(setting + ": '" + owner + "' is not one of " + MasterDataEntities.SYSTEMS);
            }
        })));
    }

    /** The region a run works for, {@code ""} for the API user's own company (the key of its watermarks and values). */
    private String regionOf(String runId) {
        return runs.find(runId).map(SyncRuns.Run::region).orElse("");
    }

    /** Opens a run of these entities (the configured ones when none are named). */
    String open(String triggeredBy, String processInstanceId, List<String> entities) {
        List<String> chosen = entities == null || entities.isEmpty() ? configuredEntities() : List.copyOf(entities);
        chosen.forEach(MasterDataEntities::entity);
        String runId = runs.open(SyncRuns.MASTER_DATA, triggeredBy, 0, processInstanceId);
        store.entities(runId, chosen);
        return runId;
    }

    List<String> configuredEntities() {
        List<String> configured = properties.masterData() == null ? null : properties.masterData().entities();
        return configured == null || configured.isEmpty() ? MasterDataEntities.names() : configured;
    }

    /** Odoo's records changed since the watermark; a record read again at the write_date we know, unchanged, is not new. */
    void readOdoo(String runId) {
        int seq = store.nextReadSeq(runId);
        String region = regionOf(runId);
        for (String entity : store.entities(runId)) {
            String watermark = store.watermark(region, SIDE_ODOO, entity).orElse(null);
            for (MasterDataRecord record : odoo.changedSince(entity, watermark)) {
                boolean seen = store.odooWriteDate(region, entity, record.key()).map(record.changedAt()::equals).orElse(false)
                        && sameAsAgreed(region, entity, record.key(), record.fields());
                if (!seen) {
                    store.addRead(runId, new MasterDataStore.Read(seq++, SIDE_ODOO, MasterDataEntities.ODOO, entity,
                            record.key(), record.changedAt(), record.changedAt(), write(record.fields()), null, null));
                }
            }
        }
    }

    /**
     * The hub's changes after its cursor (the region's own hub when it has one; the run's source names the hub read);
     * a change that names an unknown system, field or value is rejected here.
     */
    void readHub(String runId) {
        int seq = store.nextReadSeq(runId);
        String region = regionOf(runId);
        runs.source(runId, "odoo write_date + " + hub.describe(region));
        for (String entity : store.entities(runId)) {
            String cursor = store.watermark(region, SIDE_HUB, entity).orElse(null);
            for (MasterDataHub.Change change : hub.changesAfter(region, cursor, List.of(entity))) {
                Map<String, String> fields = new LinkedHashMap<>();
                boolean echo = ECHOES.contains(change.source());
                String reason = echo ? "our own update, reported back" : validate(entity, change, fields);
                String outcome = echo ? Outcome.UNCHANGED.name() : reason == null ? null : Outcome.REJECTED.name();
                store.addRead(runId, new MasterDataStore.Read(seq++, SIDE_HUB, change.source() == null ? "?" : change.source(),
                        change.entity() == null ? entity : change.entity(), change.key(), change.changedAt(),
                        change.position(), write(fields), outcome, reason));
            }
        }
    }

    private static String validate(String entity, MasterDataHub.Change change, Map<String, String> fields) {
        if (!entity.equals(change.entity())) {
            return "entity '" + change.entity() + "' was not asked for";
        }
        if (change.source() == null || !MasterDataEntities.SYSTEMS.contains(change.source())) {
            return "unknown source system '" + change.source() + "' (known: " + MasterDataEntities.SYSTEMS + ")";
        }
        if (change.key() == null || change.key().isBlank()) {
            return "no " + MasterDataEntities.entity(entity).key();
        }
        if (change.fields() == null || !change.fields().isObject() || change.fields().isEmpty()) {
            return "no fields";
        }
        Map<String, MasterDataEntities.Kind> kinds = MasterDataEntities.entity(entity).fields();
        var names = change.fields().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            MasterDataEntities.Kind kind = kinds.get(name);
            if (kind == null) {
                return "unknown field '" + name + "' of " + entity;
            }
            JsonNode value = change.fields().get(name);
            try {
                String normal = MasterDataEntities.normalize(kind, value.isNull() ? null : value.isBoolean()
                        ? value.booleanValue() : value.asText());
                if (kind == MasterDataEntities.Kind.NUMBER && normal != null && normal.startsWith("-")) {
                    return name + " is negative: " + normal;
                }
                fields.put(name, normal);
            } catch (IllegalArgumentException e) {
                return name + " " + e.getMessage();
            }
        }
        return null;
    }

    /** A candidate value of one field from one read, to be judged against the agreed value. */
    private record Candidate(MasterDataStore.Read read, String field, String value) {
    }

    /** Decides per field: unchanged, the owner's change to propagate, or a conflict. Writes nothing outside our tables. */
    void plan(String runId) {
        String region = regionOf(runId);
        List<MasterDataStore.Read> reads = store.reads(runId).stream().filter(r -> r.outcome() == null).toList();
        Map<String, List<MasterDataStore.Read>> byRecord = new LinkedHashMap<>();
        reads.forEach(r -> byRecord.computeIfAbsent(r.entity() + "\u0000" + r.key(), k -> new ArrayList<>()).add(r));
        int seq = 1;
        for (List<MasterDataStore.Read> group : byRecord.values()) {
            String entity = group.get(0).entity();
            String key = group.get(0).key();
            Map<String, Agreed> agreed = new HashMap<>(store.agreed(region, entity, key));
            Map<Integer, Outcome> outcomes = new HashMap<>();
            if (agreed.isEmpty()) {
                MasterDataStore.Read baseline = group.stream().filter(r -> r.side().equals(SIDE_ODOO)).findFirst().orElse(null);
                Map<String, String> odooFields;
                String changedAt;
                if (baseline != null) {
                    odooFields = fields(baseline);
                    changedAt = baseline.changedAt();
                    outcomes.put(baseline.seq(), Outcome.BASELINE);
                } else {
                    Optional<MasterDataRecord> found = odoo.find(entity, key);
                    if (found.isEmpty()) {
                        for (MasterDataStore.Read read : group) {
                            store.readOutcome(runId, read.seq(), Outcome.REJECTED,
                                    "no " + MasterDataEntities.entity(entity).key() + " '" + key + "' in Odoo"
                                            + (region.isEmpty() ? "" : " (the company of region " + region + ")"));
                        }
                        continue;
                    }
                    odooFields = found.get().fields();
                    changedAt = found.get().changedAt();
                }
                // Odoo's values are the baseline of a record seen for the first time; Odoo-owned ones go to the hub.
                for (Map.Entry<String, String> field : odooFields.entrySet()) {
                    boolean odooOwns = owner(region, entity, field.getKey()).equals(MasterDataEntities.ODOO);
                    store.addChange(runId, new MasterDataStore.Change(seq++, entity, key, field.getKey(),
                            MasterDataEntities.ODOO, field.getValue(), null, changedAt, Action.BASELINE.name(),
                            odooOwns ? SIDE_HUB : null, false, null));
                    agreed.put(field.getKey(), new Agreed(field.getValue(), MasterDataEntities.ODOO, changedAt));
                }
            }
            List<Candidate> candidates = new ArrayList<>();
            for (MasterDataStore.Read read : group) {
                if (outcomes.get(read.seq()) == Outcome.BASELINE) {
                    continue;
                }
                fields(read).forEach((field, value) -> candidates.add(new Candidate(read, field, value)));
                outcomes.put(read.seq(), Outcome.UNCHANGED);
            }
            // The owner's change first: a non-owner's value in the same run is then judged against it.
            candidates.sort(Comparator.comparing((Candidate c) -> !c.read().source().equals(owner(region, entity, c.field())))
                    .thenComparing(c -> c.read().seq()));
            for (Candidate c : candidates) {
                Agreed current = agreed.get(c.field());
                if (current != null && Objects.equals(current.value(), c.value())) {
                    continue;
                }
                String owner = owner(region, entity, c.field());
                String source = c.read().source();
                if (source.equals(owner)) {
                    store.addChange(runId, new MasterDataStore.Change(seq++, entity, key, c.field(), source, c.value(),
                            current == null ? null : current.value(), c.read().changedAt(), Action.PROPAGATE.name(),
                            source.equals(MasterDataEntities.ODOO) ? SIDE_HUB : SIDE_ODOO, false, null));
                    agreed.put(c.field(), new Agreed(c.value(), source, c.read().changedAt()));
                    outcomes.put(c.read().seq(), Outcome.CHANGED);
                } else if (!store.openConflict(region, entity, key, c.field(), source, c.value())) {
                    store.addConflict(region, runId, entity, key, c.field(), owner, current, source, c.value(),
                            c.read().changedAt());
                    store.addChange(runId, new MasterDataStore.Change(seq++, entity, key, c.field(), source, c.value(),
                            current == null ? null : current.value(), c.read().changedAt(), Action.CONFLICT.name(), null, false,
                            "owned by " + owner));
                    outcomes.put(c.read().seq(), Outcome.CHANGED);
                }
            }
            outcomes.forEach((readSeq, outcome) -> store.readOutcome(runId, readSeq, outcome, null));
            // The write_date we have seen; a write of ours in the apply step records the newer one.
            group.stream().filter(r -> r.side().equals(SIDE_ODOO))
                    .forEach(r -> store.odooWriteDate(region, entity, key, r.changedAt()));
        }
    }

    /**
     * Writes the owners' changes of the next {@code chunk-size} records to the other side, one call per record and
     * side, and records the agreed values and Odoo's new write_date (so our own write is not read back as a change).
     * Answers whether records remain; the call that writes the last ones moves the watermarks. A job that fails
     * writes its chunk again: the same values, under the same idempotency key for the hub.
     */
    boolean applyNextChunk(String runId) {
        for (MasterDataStore.Pending record : store.pendingRecords(runId, chunkSize())) {
            Map<String, List<MasterDataStore.Change>> bySide = new LinkedHashMap<>();
            for (MasterDataStore.Change change : store.pendingChanges(runId, record)) {
                bySide.computeIfAbsent(String.valueOf(change.target()), k -> new ArrayList<>()).add(change);
            }
            for (List<MasterDataStore.Change> group : bySide.values()) {
                apply(runId, group);
            }
        }
        if (store.anyPending(runId)) {
            return true;
        }
        moveWatermarks(runId);
        return false;
    }

    private void apply(String runId, List<MasterDataStore.Change> group) {
        String region = regionOf(runId);
        MasterDataStore.Change first = group.get(0);
        Map<String, String> values = new LinkedHashMap<>();
        group.forEach(c -> values.put(c.field(), c.value()));
        if (SIDE_ODOO.equals(first.target())) {
            Optional<String> written = odoo.write(first.entity(), first.key(), values);
            if (written.isEmpty()) {
                group.forEach(c -> store.rejectChange(runId, c.seq(), "no " + MasterDataEntities.entity(c.entity()).key()
                        + " '" + c.key() + "' in Odoo any more"));
                return;
            }
            store.odooWriteDate(region, first.entity(), first.key(), written.get());
        } else if (SIDE_HUB.equals(first.target())) {
            hub.publish(region, runId + ":" + first.entity() + ":" + first.key(),
                    new MasterDataHub.Update(first.entity(), first.key(), MasterDataEntities.ODOO, "owner", values));
        }
        for (MasterDataStore.Change c : group) {
            store.agree(region, c.entity(), c.key(), c.field(), new Agreed(c.value(), c.source(),
                    c.changedAt() == null ? now() : c.changedAt()));
            store.applied(runId, c.seq());
        }
    }

    private int chunkSize() {
        return Math.max(1, properties.masterData().chunkSize());
    }

    private void moveWatermarks(String runId) {
        Map<String, String> odooMarks = new HashMap<>();
        Map<String, String> hubMarks = new HashMap<>();
        for (MasterDataStore.Read read : store.reads(runId)) {
            if (read.side().equals(SIDE_ODOO)) {
                odooMarks.merge(read.entity(), read.position(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            } else if (read.position() != null) {
                hubMarks.put(read.entity(), read.position());
            }
        }
        String region = regionOf(runId);
        odooMarks.forEach((entity, mark) -> store.watermark(region, SIDE_ODOO, entity, mark, runId));
        hubMarks.forEach((entity, mark) -> store.watermark(region, SIDE_HUB, entity, mark, runId));
    }

    /** The conflicts a run raised, one steward task each. */
    public List<String> conflictIds(String runId) {
        return store.conflictsOfRun(runId).stream().filter(c -> c.status().equals("OPEN"))
                .map(MasterDataStore.Conflict::id).toList();
    }

    Optional<MasterDataStore.Conflict> conflict(String id) {
        return store.conflict(id);
    }

    /** The steward's decision, once. */
    void decide(String conflictId, String decision, String comment, String by) {
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("conflictDecision must be one of " + DECISIONS + ", not " + decision);
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a conflictComment is required");
        }
        store.decide(conflictId, decision, comment, by);
    }

    /**
     * Puts the decided value everywhere it is not yet: Odoo is read and written only when it differs, the hub is told
     * once (the conflict id is the idempotency key) when a hub system holds another value. A conflict applied
     * already is left alone, so a retried job applies nothing twice.
     */
    void applyDecision(String conflictId) {
        MasterDataStore.Conflict c = store.conflict(conflictId).orElseThrow(() ->
                new IllegalStateException("no master-data conflict " + conflictId));
        if (c.status().equals("APPLIED")) {
            return;
        }
        if (!c.status().equals("DECIDED")) {
            throw new IllegalStateException("master-data conflict " + conflictId + " is " + c.status() + ", not decided");
        }
        boolean keepOwner = c.decision().equals("keep-owner");
        // Keeping the owner keeps what the owner says now: it may have changed the field again since the conflict.
        Agreed agreed = store.agreed(c.region(), c.entity(), c.key()).get(c.field());
        String ownerNow = agreed != null && agreed.source().equals(c.owner()) ? agreed.value() : c.ownerValue();
        String value = keepOwner ? ownerNow : c.otherValue();
        MasterDataRecord current = odoo.find(c.entity(), c.key()).orElse(null);
        if (current != null && !Objects.equals(current.fields().get(c.field()), value)) {
            Map<String, String> fields = new HashMap<>();
            fields.put(c.field(), value);
            odoo.write(c.entity(), c.key(), fields)
                    .ifPresent(writeDate -> store.odooWriteDate(c.region(), c.entity(), c.key(), writeDate));
        }
        boolean hubHoldsOther = !c.owner().equals(MasterDataEntities.ODOO) && !Objects.equals(ownerNow, value)
                || !c.otherSource().equals(MasterDataEntities.ODOO) && !Objects.equals(c.otherValue(), value);
        if (hubHoldsOther) {
            Map<String, String> fields = new HashMap<>();
            fields.put(c.field(), value);
            hub.publish(c.region(), "conflict:" + c.id(), new MasterDataHub.Update(c.entity(), c.key(), "ordergate",
                    keepOwner ? "steward kept the owner's value" : "steward took the other value", fields));
        }
        store.agree(c.region(), c.entity(), c.key(), c.field(),
                new Agreed(value, keepOwner ? c.owner() : c.otherSource(), now()));
        store.conflictApplied(c.id(), value);
    }

    /** The field's system of record in the region ({@code ""}: the API user's company): the region's own, else the shared one. */
    String owner(String region, String entity, String field) {
        return regions.masterDataOwner(region.isEmpty() ? null : region, entity, field)
                .orElseGet(() -> properties.masterData().owner(entity, field));
    }

    /** The run report's master-data part: entities, counts, conflicts and rejected reads. */
    MasterDataRunReport report(String runId) {
        List<MasterDataStore.Read> reads = store.reads(runId);
        List<MasterDataStore.Change> changes = store.changes(runId);
        List<MasterDataStore.Conflict> conflicts = store.conflictsOfRun(runId);
        var counts = new MasterDataRunReport.Counts(reads.size(),
                reads.stream().filter(r -> Outcome.UNCHANGED.name().equals(r.outcome())).count(),
                reads.stream().filter(r -> Outcome.BASELINE.name().equals(r.outcome())).count(),
                changes.stream().filter(c -> c.action().equals(Action.PROPAGATE.name()) && c.applied()).count(),
                conflicts.size(),
                conflicts.stream().filter(c -> !c.status().equals("APPLIED")).count(),
                reads.stream().filter(r -> Outcome.REJECTED.name().equals(r.outcome())).count()
                        + changes.stream().filter(c -> c.action().equals(Action.REJECTED.name())).count(),
                changes.stream().filter(c -> !c.applied() && (c.action().equals(Action.PROPAGATE.name())
                        || c.action().equals(Action.BASELINE.name()))).count());
        List<MasterDataRunReport.Update> updates = changes.stream()
                .filter(c -> c.action().equals(Action.PROPAGATE.name()))
                .map(c -> new MasterDataRunReport.Update(c.entity(), c.key(), c.field(), c.source(), c.target(),
                        c.applied()))
                .toList();
        List<MasterDataRunReport.Rejection> rejected = new ArrayList<>();
        reads.stream().filter(r -> Outcome.REJECTED.name().equals(r.outcome())).forEach(r -> rejected.add(
                new MasterDataRunReport.Rejection(r.entity(), r.key(), r.source(), r.reason())));
        changes.stream().filter(c -> c.action().equals(Action.REJECTED.name())).forEach(c -> rejected.add(
                new MasterDataRunReport.Rejection(c.entity(), c.key(), c.source(), c.field() + ": " + c.reason())));
        return new MasterDataRunReport(store.entities(runId), counts, updates,
                conflicts.stream().map(MasterDataSync::conflictView).toList(), rejected);
    }

    List<MasterDataRunReport.ConflictView> conflicts(String status, int limit, java.util.Set<String> regions) {
        return store.conflicts(status, limit, regions).stream().map(MasterDataSync::conflictView).toList();
    }

    static MasterDataRunReport.ConflictView conflictView(MasterDataStore.Conflict c) {
        MasterDataRunReport.Decision decision = c.decision() == null ? null : new MasterDataRunReport.Decision(
                c.decision(), c.comment(), c.decidedBy(), c.decidedAt(), c.appliedValue(), c.appliedAt());
        return new MasterDataRunReport.ConflictView(c.id(), c.runId(), c.entity(), c.key(), c.field(),
                new MasterDataRunReport.Side(c.owner(), String.valueOf(c.ownerValue()), String.valueOf(c.ownerChangedAt())),
                new MasterDataRunReport.Side(c.otherSource(), String.valueOf(c.otherValue()),
                        String.valueOf(c.otherChangedAt())),
                c.status(), decision, c.region() == null || c.region().isEmpty() ? null : c.region());
    }

    private boolean sameAsAgreed(String region, String entity, String key, Map<String, String> fields) {
        Map<String, Agreed> agreed = store.agreed(region, entity, key);
        return !agreed.isEmpty() && fields.entrySet().stream().allMatch(f -> agreed.containsKey(f.getKey())
                && Objects.equals(agreed.get(f.getKey()).value(), f.getValue()));
    }

    private Map<String, String> fields(MasterDataStore.Read read) {
        try {
            return json.readValue(read.fields(), FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("read " + read.seq() + " holds unreadable fields", e);
        }
    }

    private String write(Map<String, String> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).format(ODOO_TIME);
    }
}
