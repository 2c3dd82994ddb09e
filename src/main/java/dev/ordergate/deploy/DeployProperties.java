package dev.ordergate.deploy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may deploy through /engine-rest (Camunda Modeler's deploy dialog): the engine's own users, with basic auth,
 * in one of {@code groups}. {@code engineRestBasicAuth=false} leaves /engine-rest to another authentication (Keycloak).
 */
@ConfigurationProperties("ordergate.deploy")
record DeployProperties(boolean engineRestBasicAuth, List<String> groups) {
}
