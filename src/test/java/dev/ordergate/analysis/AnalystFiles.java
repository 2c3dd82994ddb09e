package dev.ordergate.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The analysts' folders as the checks read them: every file with the extension, so new models are checked too. */
final class AnalystFiles {

    static final Path BPMN = Path.of("bpmn");
    static final Path FORMS = Path.of("forms");

    private AnalystFiles() {
    }

    static List<Path> processModels() {
        return list(BPMN, ".bpmn");
    }

    static List<Path> decisionTables() {
        return list(BPMN, ".dmn");
    }

    static List<Path> forms() {
        return list(FORMS, ".form");
    }

    static List<Path> list(Path folder, String extension) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
