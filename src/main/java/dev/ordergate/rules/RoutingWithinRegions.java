package dev.ordergate.rules;

import dev.ordergate.deploy.ModelProblem;
import dev.ordergate.region.RegionProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * A region's reviews stay with the region's people: {@code reviewer-routing.dmn} may route a region's exceptions
 * (reviewer and supervisor) only to the groups the region lists in {@code ordergate.regions.<id>.reviewer-groups},
 * which operations set, not whoever deploys the table. A table that routes an EU credit hold to the US controllers, or
 * leaves an exception type of a region without a row, is refused before it is stored (the deploy API answers 422
 * {@code invalid-model} naming the region, the type and the group), and a node whose configuration disagrees with
 * the table deployed refuses to start. A region without a list is not checked.
 */
@Component
class RoutingWithinRegions extends AbstractProcessEnginePlugin implements ApplicationRunner {

    static final String TABLE = "reviewer-routing";
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]+)\"");

    private final RegionProperties regions;
    private ProcessEngineConfigurationImpl configuration;

    @Autowired
    RoutingWithinRegions(RegionProperties regions) {
        this.regions = regions;
    }

    /** A check of these regions against an engine already built (tests: another node's configuration). */
    RoutingWithinRegions(RegionProperties regions, ProcessEngineConfigurationImpl configuration) {
        this.regions = regions;
        this.configuration = configuration;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        List<Deployer> deployers = new ArrayList<>();
        deployers.add(this::refuseRoutingOutOfRegion);
        if (configuration.getCustomPreDeployers() != null) {
            deployers.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(deployers);
    }

    /** The deployed table is checked against this node's regions once the node is up. */
    @Override
    public void run(ApplicationArguments args) {
        ProcessEngine engine = configuration.getProcessEngine();
        DecisionDefinition deployed = engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKey(TABLE).latestVersion().singleResult();
        if (deployed == null) {
            return;
        }
        List<String> problems;
        try (InputStream xml = engine.getRepositoryService().getDecisionModel(deployed.getId())) {
            DmnModelInstance model = Dmn.readModelFromStream(xml);
            // The engine's DMN transform reads the engine's settings from a command's context.
            problems = configuration.getCommandExecutorTxRequired().execute(context -> problems(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The deployed " + deployed.getResourceName() + " (version "
                    + deployed.getVersion() + ") routes reviews outside their regions; deploy a table that fits "
                    + "ordergate.regions.*.reviewer-groups or change them: " + String.join("; ", problems));
        }
    }

    private void refuseRoutingOutOfRegion(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            String name = resource.getName().toLowerCase(Locale.ROOT);
            if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
                List<String> problems = problems(Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes())));
                if (!problems.isEmpty()) {
                    throw ModelProblem.refusal(resource.getName(), problems);
                }
            }
        }
    }

    /** Each region's exception types whose row is missing, ambiguous, or names a group outside the region's list. */
    List<String> problems(DmnModelInstance model) {
        if (!(model.getModelElementById(TABLE) instanceof Decision decision)
                || !(decision.getExpression() instanceof DecisionTable table)) {
            return List.of();
        }
        DmnEngine dmn = configuration.getDmnEngine();
        DmnDecision parsed = dmn.parseDecision(TABLE, model);
        List<String> problems = new ArrayList<>();
        Set<String> types = exceptionTypes(table);
        for (Map.Entry<String, RegionProperties.Region> region : new java.util.TreeMap<>(regions.regions()).entrySet()) {
            List<String> allowed = region.getValue().reviewerGroups();
            if (allowed.isEmpty()) {
                continue;
            }
            for (String type : types) {
                String where = "region " + region.getKey() + "'s '" + type + "' exceptions";
                DmnDecisionRuleResult row;
                try {
                    row = dmn.evaluateDecisionTable(parsed, Variables.putValue("region", region.getKey())
                            .putValue("exceptionType", type)).getSingleResult();
                } catch (RuntimeException ambiguous) {
                    problems.add("more than one row routes " + where + " (" + ambiguous.getMessage() + ")");
                    continue;
                }
                if (row == null) {
                    problems.add("no row routes " + where);
                    continue;
                }
                for (String output : List.of("reviewerGroup", "supervisorGroup")) {
                    Object group = row.get(output);
                    if (!allowed.contains(String.valueOf(group))) {
                        problems.add(where + " go to " + group + " (" + output + "), which is not one of the region's"
                                + " reviewer groups " + allowed + " (ordergate.regions." + region.getKey()
                                + ".reviewer-groups)");
                    }
                }
            }
        }
        return problems;
    }

    /** The exception types the table names: the string literals of its {@code exceptionType} column. */
    private static Set<String> exceptionTypes(DecisionTable table) {
        List<Input> inputs = List.copyOf(table.getInputs());
        int column = -1;
        for (int i = 0; i < inputs.size(); i++) {
            if ("exceptionType".equals(inputs.get(i).getInputExpression().getText().getTextContent().trim())) {
                column = i;
            }
        }
        Set<String> types = new TreeSet<>();
        if (column < 0) {
            return types;
        }
        for (Rule rule : table.getRules()) {
            Matcher literal = LITERAL.matcher(List.copyOf(rule.getInputEntries()).get(column).getText().getTextContent());
            while (literal.find()) {
                types.add(literal.group(1));
            }
        }
        return types;
    }
}
