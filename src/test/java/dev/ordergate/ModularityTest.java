package dev.ordergate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Capabilities stay packages with one-way dependencies and no reaching into each other's insides. */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(OrdergateApplication.class);

    /** Package → the packages it uses directly, from the same analysis the Modulith verification runs. */
    private static final Map<String, Set<String>> USES = MODULES.stream().collect(Collectors.toMap(
            ApplicationModule::getName,
            m -> m.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName)
                    .filter(name -> !name.equals(m.getName())).collect(Collectors.toCollection(TreeSet::new)),
            (a, b) -> a, TreeMap::new));

    @Test
    void capabilityPackagesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void noPackageUsesOneThatUsesItBack() {
        List<String> backEdges = USES.entrySet().stream()
                .flatMap(e -> e.getValue().stream().filter(to -> reaches(to, e.getKey())).map(to -> e.getKey() + " -> " + to))
                .toList();
        assertThat(backEdges).as("dependencies that close a cycle").isEmpty();
    }

    @Test
    void theOrderModelIsTheKernelAndTheWebPlumbingSitsRightAboveIt() {
        assertThat(USES.get("order")).as("order uses").isEmpty();
        assertThat(USES.get("web")).as("web uses").containsOnly("order");
    }

    @Test
    void theIntakeSitsOnTopOnlyOtherChannelDoorsCallIt() {
        Set<String> callers = USES.entrySet().stream().filter(e -> e.getValue().contains("intake"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(callers).as("packages that use intake").isSubsetOf(Set.of("edi"));
    }

    @Test
    void syncRunsTheMachineryAndKnowsNoneOfTheCapabilitiesItFeeds() {
        assertThat(USES.get("sync")).as("sync uses").doesNotContain("pricing", "masterdata", "inventory");
    }

    /** No package grows into the house's dumping ground: each Java package (the sandbox aside) holds at most a fifth of the code. */
    @Test
    void noPackageHoldsMoreThanAFifthOfTheCode() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("src/main/java/dev/ordergate");
        Map<String, Long> lines = new TreeMap<>();
        try (var files = java.nio.file.Files.walk(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                if (!pkg.equals("sandbox") && !pkg.startsWith("sandbox.")) {
                    lines.merge(pkg, (long) java.nio.file.Files.readAllLines(file).size(), Long::sum);
                }
            }
        }
        long total = lines.values().stream().mapToLong(Long::longValue).sum();
        assertThat(lines).as("lines per package of %d", total).allSatisfy((pkg, n) ->
                assertThat(n * 100.0 / total).as(pkg + " share of the code, %").isLessThanOrEqualTo(20.0));
    }

    private static boolean reaches(String from, String to) {
        Set<String> seen = new HashSet<>();
        var todo = new ArrayDeque<String>(List.of(from));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(USES.getOrDefault(next, Set.of()));
            }
        }
        return false;
    }
}
