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
    static final Map<String, String> USERS = Map.ofEntries(
            Map.entry("pricing", "pricing-stewards"),
            Map.entry("masterdata", "master-data-stewards"),
            Map.entry("credit", "credit-controllers"),
            Map.entry("service", "customer-service"),
            Map.entry("supervisor", "order-supervisors"),
            Map.entry("finance", "finance-supervisors"),
            // The EU business unit's reviewers (docs/regions.md): each sees and decides only EU reviews.
            Map.entry("eu-pricing", "eu-pricing-stewards"),
            Map.entry("eu-masterdata", "eu-master-data-stewards"),
            Map.entry("eu-credit", "eu-credit-controllers"),
            Map.entry("eu-service", "eu-customer-service"),
            Map.entry("eu-supervisor", "eu-order-supervisors"),
            Map.entry("eu-finance", "eu-finance-supervisors"),
            // May deploy from Camunda Modeler through /engine-rest (deploy.EngineRestAuthentication).
            Map.entry("analyst", "analysts"));

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
