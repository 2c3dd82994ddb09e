package dev.ordergate.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Keycloak is and how Camunda's identity plugin logs in to it (keycloak profile only).
 *
 * @param url Keycloak's base URL as tokens name it (Keycloak's {@code --hostname}); the issuer is
 *            {@code <url>/realms/<realm>}
 * @param realm the realm, {@code ordergate} in the shipped realm file
 * @param identityClientId the confidential client the identity plugin reads users and groups with
 * @param identityClientSecret its secret, from the environment outside the demo
 */
@ConfigurationProperties("ordergate.security.keycloak")
record KeycloakProperties(String url, String realm, String identityClientId, String identityClientSecret) {

    String issuer() {
        return url + "/realms/" + realm;
    }

    String adminApi() {
        return url + "/admin/realms/" + realm;
    }

    /** Never prints the secret: records print every component, and settings end up in logs. */
    @Override
    public String toString() {
        return "KeycloakProperties[url=" + url + ", realm=" + realm + ", identityClientId=" + identityClientId
                + ", identityClientSecret=" + Masking.secret(identityClientSecret) + "]";
    }
}
