package dev.ordergate;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The application in a JVM of its own (the production main class on the main classpath, no test classes or test
 * profile), for fault tests that must kill a node as the operating system would. Every child is killed when the
 * test JVM ends, whatever the tests did; {@link #close()} stops it earlier.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ChildJvm(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code dev.ordergate.OrdergateApplication} with {@code --server.port=port} and the given arguments; its
     * output is appended to {@code log}. Returns at once: call {@link #awaitReady(Duration)}.
     */
    public static ChildJvm start(String name, int port, Path log, List<String> jvmOptions, List<String> args) {
        return start(name, port, log, jvmOptions, args, java.util.Map.of());
    }

    /** The same with these environment variables added (a deployment's rendered environment, say). */
    public static ChildJvm start(String name, int port, Path log, List<String> jvmOptions, List<String> args,
                                 java.util.Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(mainClasspath());
        command.add(OrdergateApplication.class.getName());
        command.add("--server.port=" + port);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + Instant.now() + " " + name + ": " + String.join(" ", args) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            RUNNING.add(process);
            return new ChildJvm(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the readiness probe answers 200; fails with the end of the log when the JVM died or took too long. */
    public ChildJvm awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(60));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(60));
    }

    /**
     * Kills the JVM without warning: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no shutdown hook,
     * no transaction end, no connection close runs. Returns the exit code (137 = 128 + SIGKILL).
     */
    public int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still alive 60 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            RUNNING.remove(process);
        }
        return process.exitValue();
    }

    /** Stops the JVM (SIGTERM, then SIGKILL after 30 s); does nothing when it is gone already. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        RUNNING.remove(process);
    }

    /** The last lines of the log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    /**
     * The test classpath without the test classes: surefire names it in {@code surefire.test.class.path} (its own
     * {@code java.class.path} may be a manifest-only jar, whose Class-Path is read then).
     */
    static String mainClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>(Arrays.asList(classpath.split(File.pathSeparator)));
        if (entries.size() == 1 && entries.get(0).contains("surefirebooter")) {
            entries = manifestClasspath(Path.of(entries.get(0)));
        }
        return entries.stream()
                .filter(e -> !e.isBlank())
                .filter(e -> !Path.of(e).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> manifestClasspath(Path booter) {
        try (JarFile jar = new JarFile(booter.toFile())) {
            List<String> entries = new ArrayList<>();
            for (String url : jar.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
                if (!url.isBlank()) {
                    entries.add(url.startsWith("file:") ? Path.of(new URI(url)).toString() : url);
                }
            }
            return entries;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot read the classpath of " + booter, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
