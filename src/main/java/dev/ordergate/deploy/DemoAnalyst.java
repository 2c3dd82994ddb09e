package dev.ordergate.deploy;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Local mode's analyst: {@code analyst} / {@code analyst} in group {@code analysts}, who may deploy from Modeler. */
@Component
@ConditionalOnProperty(name = "ordergate.demo-users", havingValue = "true", matchIfMissing = true)
class DemoAnalyst implements ApplicationRunner {

    static final String USER = "analyst";
    static final String GROUP = "analysts";

    private final IdentityService identity;

    DemoAnalyst(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.createGroupQuery().groupId(GROUP).count() == 0) {
            var group = identity.newGroup(GROUP);
            group.setName("Business analysts");
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        if (identity.createUserQuery().userId(USER).count() == 0) {
            var user = identity.newUser(USER);
            user.setFirstName(USER);
            user.setLastName("(demo analyst)");
            user.setPassword(USER);
            identity.saveUser(user);
            identity.createMembership(USER, GROUP);
        }
    }
}
