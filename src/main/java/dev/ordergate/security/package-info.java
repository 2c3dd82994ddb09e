/** Who may call what: the local mode's open doors, and with the keycloak profile OAuth2 tokens, roles and SSO. */
package dev.ordergate.security;
