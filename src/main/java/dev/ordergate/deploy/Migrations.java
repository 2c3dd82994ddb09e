package dev.ordergate.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Service;

/**
 * Moves running instances of a process from one version to another with Camunda's migration API: the plan maps
 * activities with equal ids ({@code mapEqualActivities}); each instance migrates in its own transaction, so one that
 * cannot (it waits at an activity the new version no longer has) stays on its version and is reported with the
 * engine's reasons, while the others move.
 */
@Service
class Migrations {

    record Version(String id, int version) {
    }

    record Instruction(List<String> sourceActivityIds, List<String> targetActivityIds, boolean updateEventTrigger) {
    }

    record Plan(String processDefinitionKey, Version source, Version target, long instancesOnSource, boolean valid,
                List<Instruction> instructions, List<String> problems, List<String> unmappedActivitiesWithInstances) {
    }

    record NotMigrated(String processInstanceId, String businessKey, List<String> reasons) {
    }

    record Report(String processDefinitionKey, Version source, Version target, List<String> migrated,
                  List<NotMigrated> notMigrated, List<String> planProblems) {
    }

    record Request(String processDefinitionKey, Integer sourceVersion, Integer targetVersion, List<String> processInstanceIds,
                   List<String> businessKeys) {
    }

    static final class UnknownVersionException extends RuntimeException {
        UnknownVersionException(String message) {
            super(message);
        }
    }

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final HistoryService history;

    Migrations(RepositoryService repository, RuntimeService runtime, ManagementService management, HistoryService history) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.history = history;
    }

    Plan plan(Request request) {
        ProcessDefinition target = target(request);
        ProcessDefinition source = source(request, target);
        List<String> problems = new ArrayList<>();
        List<Instruction> instructions = new ArrayList<>();
        Set<String> mapped = new LinkedHashSet<>();
        MigrationPlan plan = build(source, target, problems);
        if (plan == null) {
            plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
        }
        for (MigrationInstruction i : plan.getInstructions()) {
            instructions.add(new Instruction(List.of(i.getSourceActivityId()), List.of(i.getTargetActivityId()), i.isUpdateEventTrigger()));
            mapped.add(i.getSourceActivityId());
        }
        List<String> unmapped = management.createActivityStatisticsQuery(source.getId()).list().stream()
                .map(ActivityStatistics::getId).filter(id -> !mapped.contains(id)).sorted().toList();
        unmapped.forEach(a -> problems.add("instances wait at '" + a + "', which version " + target.getVersion()
                + " has no activity for (same id): they cannot be migrated and stay on version " + source.getVersion()));
        long instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
        return new Plan(source.getKey(), version(source), version(target), instances, problems.isEmpty(), instructions,
                problems, unmapped);
    }

    Report migrate(Request request) {
        ProcessDefinition target = target(request);
        ProcessDefinition source = source(request, target);
        List<String> planProblems = new ArrayList<>();
        MigrationPlan plan = build(source, target, planProblems);
        if (plan == null) {
            return new Report(source.getKey(), version(source), version(target), List.of(), List.of(), planProblems);
        }
        List<String> migrated = new ArrayList<>();
        List<NotMigrated> notMigrated = new ArrayList<>();
        // Every named instance is accounted for: unknown ones are refused before anything moves, and those that are
        // finished or on another version are listed with the reason, so an empty answer always says why.
        refuseUnknown(source.getKey(), request);
        explainNotOnSource(source, request, notMigrated);
        ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processDefinitionId(source.getId());
        List<ProcessInstance> instances = query.list().stream()
                .filter(p -> request.processInstanceIds() == null || request.processInstanceIds().contains(p.getId()))
                .filter(p -> request.businessKeys() == null || request.businessKeys().contains(p.getBusinessKey()))
                .toList();
        for (ProcessInstance instance : instances) {
            try {
                runtime.newMigration(plan).processInstanceIds(instance.getId()).execute();
                migrated.add(instance.getId());
            } catch (MigratingProcessInstanceValidationException refused) {
                notMigrated.add(new NotMigrated(instance.getId(), instance.getBusinessKey(), reasons(refused.getValidationReport())));
            } catch (RuntimeException failed) {
                notMigrated.add(new NotMigrated(instance.getId(), instance.getBusinessKey(), List.of(failed.getMessage())));
            }
        }
        return new Report(source.getKey(), version(source), version(target), migrated, notMigrated, planProblems);
    }

    /** Names that match no instance of the process, running or finished, in any version: 422 naming each. */
    static final class UnknownInstancesException extends RuntimeException {
        private final List<Map<String, String>> errors;

        UnknownInstancesException(List<Map<String, String>> errors) {
            super(errors.stream().map(e -> e.get("field") + " " + e.get("message")).reduce((a, b) -> a + "; " + b).orElse(""));
            this.errors = errors;
        }

        List<Map<String, String>> errors() {
            return errors;
        }
    }

    private void refuseUnknown(String key, Request request) {
        List<Map<String, String>> errors = new ArrayList<>();
        List<String> ids = request.processInstanceIds() == null ? List.of() : request.processInstanceIds();
        for (int i = 0; i < ids.size(); i++) {
            if (history.createHistoricProcessInstanceQuery().processDefinitionKey(key).processInstanceId(ids.get(i)).count() == 0) {
                errors.add(Map.of("field", "processInstanceIds[" + i + "]", "message", "is no instance of " + key));
            }
        }
        List<String> keys = request.businessKeys() == null ? List.of() : request.businessKeys();
        for (int i = 0; i < keys.size(); i++) {
            if (history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                    .processInstanceBusinessKey(keys.get(i)).count() == 0) {
                errors.add(Map.of("field", "businessKeys[" + i + "]", "message", "is the business key of no instance of " + key));
            }
        }
        if (!errors.isEmpty()) {
            throw new UnknownInstancesException(errors);
        }
    }

    private void explainNotOnSource(ProcessDefinition source, Request request, List<NotMigrated> notMigrated) {
        List<HistoricProcessInstance> named = new ArrayList<>();
        if (request.processInstanceIds() != null && !request.processInstanceIds().isEmpty()) {
            named.addAll(history.createHistoricProcessInstanceQuery().processDefinitionKey(source.getKey())
                    .processInstanceIds(new LinkedHashSet<>(request.processInstanceIds())).list());
        }
        if (request.businessKeys() != null) {
            for (String businessKey : request.businessKeys()) {
                named.addAll(history.createHistoricProcessInstanceQuery().processDefinitionKey(source.getKey())
                        .processInstanceBusinessKey(businessKey).list());
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (HistoricProcessInstance instance : named) {
            if (!seen.add(instance.getId()) || (instance.getEndTime() == null
                    && source.getId().equals(instance.getProcessDefinitionId()))) {
                continue;
            }
            String reason = instance.getEndTime() != null
                    ? "finished (" + instance.getState() + "): nothing is left to migrate"
                    : "runs on version " + instance.getProcessDefinitionVersion() + ", not the source version "
                            + source.getVersion() + " (give sourceVersion to move it)";
            notMigrated.add(new NotMigrated(instance.getId(), instance.getBusinessKey(), List.of(reason)));
        }
    }

    /** The plan, or null with the engine's reasons when it does not validate. */
    private MigrationPlan build(ProcessDefinition source, ProcessDefinition target, List<String> problems) {
        try {
            return runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers().build();
        } catch (MigrationPlanValidationException invalid) {
            invalid.getValidationReport().getInstructionReports().forEach(r -> r.getFailures().forEach(f ->
                    problems.add(r.getMigrationInstruction().getSourceActivityId() + " -> "
                            + r.getMigrationInstruction().getTargetActivityId() + ": " + f)));
            invalid.getValidationReport().getVariableReports().forEach((name, r) -> r.getFailures().forEach(f ->
                    problems.add("variable " + name + ": " + f)));
            return null;
        }
    }

    private static List<String> reasons(MigratingProcessInstanceValidationReport report) {
        List<String> reasons = new ArrayList<>(report.getFailures());
        for (MigratingActivityInstanceValidationReport a : report.getActivityInstanceReports()) {
            a.getFailures().forEach(f -> reasons.add("activity '" + a.getSourceScopeId() + "': " + f));
        }
        for (MigratingTransitionInstanceValidationReport t : report.getTransitionInstanceReports()) {
            t.getFailures().forEach(f -> reasons.add("activity '" + t.getSourceScopeId() + "' (async): " + f));
        }
        return reasons;
    }

    private ProcessDefinition target(Request request) {
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(request.processDefinitionKey());
        ProcessDefinition target = request.targetVersion() == null ? query.latestVersion().singleResult()
                : query.processDefinitionVersion(request.targetVersion()).singleResult();
        if (target == null) {
            throw new UnknownVersionException("No process '" + request.processDefinitionKey() + "'"
                    + (request.targetVersion() == null ? "" : " in version " + request.targetVersion()));
        }
        return target;
    }

    /** The version before the target unless one is given. */
    private ProcessDefinition source(Request request, ProcessDefinition target) {
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(target.getKey());
        ProcessDefinition source = request.sourceVersion() != null
                ? query.processDefinitionVersion(request.sourceVersion()).singleResult()
                : query.list().stream().filter(d -> d.getVersion() < target.getVersion())
                        .max(java.util.Comparator.comparingInt(ProcessDefinition::getVersion)).orElse(null);
        if (source == null) {
            throw new UnknownVersionException("Process '" + target.getKey() + "' has no version "
                    + (request.sourceVersion() == null ? "before " + target.getVersion() : request.sourceVersion()) + " to migrate from");
        }
        if (source.getId().equals(target.getId())) {
            throw new UnknownVersionException("Source and target are the same version " + source.getVersion());
        }
        return source;
    }

    private static Version version(ProcessDefinition definition) {
        return new Version(definition.getId(), definition.getVersion());
    }
}
