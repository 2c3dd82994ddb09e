package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What the sandbox's replay tests share: finding a recorded exchange, and comparing an answer's shape with it. */
final class RecordedShapes {

    private RecordedShapes() {
    }

    /** The exchange file {@code NN-*.json} in a transcript folder. */
    static JsonNode transcript(Path folder, String number, ObjectMapper mapper) {
        try (Stream<Path> files = Files.list(folder)) {
            Path file = files.filter(path -> path.getFileName().toString().startsWith(number + "-")).findFirst()
                    .orElseThrow();
            return mapper.readTree(file.toFile());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * Same keys in every object, same JSON type wherever both sides have a value (false is Odoo's empty); paths in
     * {@code ignored} are not compared.
     */
    static void assertSameShape(String number, JsonNode recorded, JsonNode actual, Set<String> ignored) {
        assertSameShape(number, "", recorded, actual, ignored);
    }

    private static void assertSameShape(String number, String path, JsonNode recorded, JsonNode actual,
                                        Set<String> ignored) {
        if (recorded.isBoolean() && !recorded.asBoolean() || actual.isBoolean() && !actual.asBoolean()
                || ignored.contains(path)) {
            return;
        }
        assertThat(actual.getNodeType()).as("JSON type at %s%s", number, path).isEqualTo(recorded.getNodeType());
        if (recorded.isObject()) {
            assertThat(fieldNames(actual)).as("keys at %s%s", number, path).isEqualTo(fieldNames(recorded));
            recorded.fieldNames().forEachRemaining(name ->
                    assertSameShape(number, path + "/" + name, recorded.get(name), actual.get(name), ignored));
        } else if (recorded.isArray() && !recorded.isEmpty()) {
            for (int i = 0; i < actual.size(); i++) {
                assertSameShape(number, path + "[" + i + "]", recorded.get(Math.min(i, recorded.size() - 1)),
                        actual.get(i), ignored);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
