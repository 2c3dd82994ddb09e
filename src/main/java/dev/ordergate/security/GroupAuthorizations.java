package dev.ordergate.security;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;

import dev.ordergate.region.RegionProperties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;

/**
 * The Keycloak groups' Camunda authorizations, created once (idempotently) when the engine starts. Reviewers get
 * Tasklist and the task filters; which tasks they see follows from the candidate group on each task, for which the
 * engine grants the group READ and UPDATE itself, so a pricing steward sees and completes only pricing reviews and an
 * EU steward only the EU's. The reviewer groups are every region's {@code reviewer-groups} (its reviewers and its
 * supervisors, who take escalated reviews), so a region's new group needs no code.
 * Operators get Cockpit with read and repair rights, analysts a read-only Cockpit, and only admins the Admin webapp
 * (see {@link CamundaKeycloak#administrators()}).
 */
class GroupAuthorizations extends AbstractProcessEnginePlugin {

    private final Set<String> reviewers;
    static final String OPERATORS = "operators";
    static final String ANALYSTS = "analysts";

    GroupAuthorizations(Set<String> reviewers) {
        this.reviewers = Set.copyOf(reviewers);
    }

    /** The reviewer groups of every region, in name order. */
    static Set<String> reviewersOf(RegionProperties regions) {
        return regions.regions().values().stream().flatMap(region -> region.reviewerGroups().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        for (String group : reviewers) {
            grant(authorizations, group, Resources.APPLICATION, "tasklist", ACCESS);
            grant(authorizations, group, Resources.FILTER, "*", READ);
            grant(authorizations, group, Resources.PROCESS_DEFINITION, "*", READ);
        }
        grant(authorizations, OPERATORS, Resources.APPLICATION, "cockpit", ACCESS);
        grant(authorizations, OPERATORS, Resources.PROCESS_DEFINITION, "*", READ, READ_INSTANCE, READ_HISTORY,
                UPDATE_INSTANCE);
        grant(authorizations, OPERATORS, Resources.PROCESS_INSTANCE, "*", READ, UPDATE);
        grant(authorizations, OPERATORS, Resources.DECISION_DEFINITION, "*", READ, READ_HISTORY);
        grant(authorizations, OPERATORS, Resources.DEPLOYMENT, "*", READ);
        grant(authorizations, OPERATORS, Resources.TASK, "*", READ);
        grant(authorizations, OPERATORS, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ);
        grant(authorizations, OPERATORS, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ);
        grant(authorizations, ANALYSTS, Resources.APPLICATION, "cockpit", ACCESS);
        grant(authorizations, ANALYSTS, Resources.PROCESS_DEFINITION, "*", READ);
        grant(authorizations, ANALYSTS, Resources.DECISION_DEFINITION, "*", READ);
        // Analysts deploy their models through the ops API (realm role model-deploy), which runs as them.
        grant(authorizations, ANALYSTS, Resources.DEPLOYMENT, "*", READ, CREATE);
    }

    private static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId,
                              Permission... permissions) {
        // An existing grant (an older release's) gets the permissions added since; nothing else is touched.
        Authorization grant = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).list().stream().filter(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
                .findFirst().orElse(null);
        if (grant == null) {
            grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        } else if (java.util.Arrays.stream(permissions).allMatch(grant::isPermissionGranted)) {
            return;
        }
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }
}
