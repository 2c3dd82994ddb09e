package dev.ordergate;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Picks the test application's port once per test run, before any context starts (see {@link IntegrationTest}). */
public class TestPortListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("ordergate.test.port") == null) {
            System.setProperty("ordergate.test.port", String.valueOf(FreePort.find()));
        }
        if (System.getProperty("ordergate.test.webhook-port") == null) {
            System.setProperty("ordergate.test.webhook-port", String.valueOf(FreePort.find()));
        }
        if (System.getProperty("ordergate.test.hub-port") == null) {
            System.setProperty("ordergate.test.hub-port", String.valueOf(FreePort.find()));
        }
        if (System.getProperty("ordergate.test.pg-port") == null) {
            System.setProperty("ordergate.test.pg-port", String.valueOf(FreePort.find()));
        }
        if (System.getProperty("ordergate.test.keycloak-app-port") == null) {
            System.setProperty("ordergate.test.keycloak-app-port", String.valueOf(FreePort.find()));
        }
    }
}
