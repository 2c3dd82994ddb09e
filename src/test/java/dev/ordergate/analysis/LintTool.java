package dev.ordergate.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tools/bpmnlint/lint.js with the machine's Node. The packages come from the committed package-lock.json via
 * {@code npm ci}, run again only when the lock file is newer than the installed tree. No npm on the machine is a
 * failure with a message, never a silent pass: a model that was not linted must not look linted.
 */
final class LintTool {

    static final Path HOME = Path.of("tools", "bpmnlint");

    record Result(int exitCode, String output) {
    }

    private LintTool() {
    }

    static synchronized void install() {
        Path lock = HOME.resolve("package-lock.json");
        Path installed = HOME.resolve("node_modules").resolve(".package-lock.json");
        try {
            if (Files.exists(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"));
        if (npm.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + HOME + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
        }
    }

    static Result lint(List<Path> models) {
        install();
        List<String> command = new ArrayList<>(List.of("node", "lint.js"));
        models.forEach(m -> command.add(HOME.toAbsolutePath().relativize(m.toAbsolutePath()).toString()));
        return run(command);
    }

    private static Result run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException notFound) {
            throw new IllegalStateException("Cannot run '" + command.get(0) + "': the BPMN checks need Node.js 18+ and npm"
                    + " on the PATH (docs/analysts.md). Install them (Debian: apt-get install nodejs npm); the"
                    + " check does not pass without them.", notFound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
