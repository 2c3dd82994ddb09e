package dev.ordergate.review;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Local mode's demo users: one per review group, plus an analyst who may deploy (password = user name), so
 * Tasklist and Modeler can be tried as each of them. Off with {@code ordergate.demo-users=false}, and wherever users come from an identity provider.
 */
@Component
@ConditionalOnProperty(name = "ordergate.demo-users", havingValue = "true", matchIfMissing = true)
// Users come from Keycloak there, and the identity service is read-only.
@org.springframework.context.annotation.Profile("!keycloak")
class DemoReviewers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoReviewers.class);

    /** user id → the group it reviews for. */
    static final Map<String, String> USERS = Map.of(
            "pricing", "pricing-stewards",
            // The EU business unit's pricing steward (docs/regions.md): sees and decides only EU pricing reviews.
            "eu-pricing", "eu-pricing-stewards",
            "masterdata", "master-data-stewards",
            "credit", "credit-controllers",
            "service", "customer-service",
            "supervisor", "order-supervisors",
            "finance", "finance-supervisors",
            // May deploy from Camunda Modeler through /engine-rest (deploy.EngineRestAuthentication).
            "analyst", "analysts");

    private final IdentityService identity;

    DemoReviewers(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        USERS.forEach((userId, groupId) -> {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                var group = identity.newGroup(groupId);
                group.setName(groupId);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
            if (identity.createUserQuery().userId(userId).count() == 0) {
                var user = identity.newUser(userId);
                user.setFirstName(userId);
                user.setLastName("(demo " + groupId + ")");
                user.setPassword(userId);
                identity.saveUser(user);
                identity.createMembership(userId, groupId);
            }
        });
        log.warn("Demo users are set up (local mode): {} — each user's password is its name", USERS.keySet());
    }
}
