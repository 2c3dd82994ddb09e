package dev.ordergate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL for the tests, once per JVM: the machine's own server at 127.0.0.1:5432 when there is one (CI
 * and our development machines), else an embedded PostgreSQL started from its Maven artifact (a fresh machine).
 * Each run gets a fresh database of its own.
 */
public final class TestPostgres {

    private static final Pattern PID_SUFFIX = Pattern.compile("_(\\d+)$");

    private static String url;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    public static synchronized String jdbcUrl() {
        if (url == null) {
            url = fromEnvironment();
        }
        return url;
    }

    public static String username() {
        return "postgres";
    }

    /**
     * A new, empty database on the same server as {@link #jdbcUrl()}, for applications started outside this JVM
     * (child processes) that must not share the tests' database. The name carries this JVM's pid, so two test runs
     * on one machine (two worktrees) never drop each other's database.
     */
    public static String freshDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid();
        String shared = jdbcUrl();
        String server = shared.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*(\\?.*)?$", "$1");
        String query = shared.contains("?") ? shared.substring(shared.indexOf('?')) : "";
        try (Connection c = DriverManager.getConnection(server + "postgres" + query, username(), "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
            return server + name + query;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " beside " + shared, e);
        }
    }

    /** Databases of test runs whose JVM has ended (their names end in that JVM's pid); a running one keeps its own. */
    private static void dropLeftovers(Statement s) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        try (var rows = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'ordergate\\_%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                Matcher pid = PID_SUFFIX.matcher(name);
                if (pid.find() && ProcessHandle.of(Long.parseLong(pid.group(1))).isEmpty()) {
                    leftovers.add(name);
                }
            }
        }
        for (String name : leftovers) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static String fromEnvironment() {
        String configured = System.getenv("ORDERGATE_TEST_PG_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String database = "ordergate_test_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=2",
                "postgres", "");
             Statement s = c.createStatement()) {
            dropLeftovers(s);
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
            return "jdbc:postgresql://127.0.0.1:5432/" + database;
        } catch (SQLException noLocalServer) {
            try {
                embedded = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                return embedded.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new IllegalStateException("Neither a local PostgreSQL nor an embedded one could be had", e);
            }
        }
    }
}
