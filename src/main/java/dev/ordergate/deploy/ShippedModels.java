package dev.ordergate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the analysts' files (bpmn/, forms/) at start-up the way Camunda Modeler deploys them, so the engine's
 * duplicate filter recognises an unchanged file whichever way it comes later.
 *
 * <p>The engine compares a file only with the latest file of the same name in deployments of the same deployment
 * name and source. Camunda Modeler sends the file name as the resource name, the diagram's file name without its
 * extension as the default deployment name, and the source "Camunda Modeler". The starter's own auto-deployment put
 * everything in one deployment of another name, so every Modeler deploy of an unchanged file made a new version. Here
 * each process is deployed under its file's base name together with the forms it links (a form linked by several
 * processes goes with the first of them by name), each decision table and each unlinked form under its own name, and
 * only what changed becomes a new version. Runs while the engine is built, before the job executor starts.
 */
@Component
class ShippedModels extends AbstractProcessEnginePlugin {

    /** The source Camunda Modeler sends; the ops API and start-up use it too (see the class comment). */
    static final String SOURCE = "Camunda Modeler";

    private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"$#{}]+)\"");

    /** One deployment: its name and its files (resource name → content). */
    record Group(String name, Map<String, byte[]> files) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        for (Group group : groups(read())) {
            deploy(engine.getRepositoryService(), group);
        }
    }

    private static void deploy(RepositoryService repository, Group group) {
        DeploymentBuilder builder = repository.createDeployment().name(group.name()).source(SOURCE)
                .enableDuplicateFiltering(true);
        group.files().forEach((file, bytes) -> builder.addInputStream(file, new java.io.ByteArrayInputStream(bytes)));
        DeploymentAudit.as("start-up", builder::deployWithResult);
    }

    /** The shipped files by file name, from the classpath (bpmn/ and forms/ are resource folders). */
    private static Map<String, byte[]> read() {
        Map<String, byte[]> files = new TreeMap<>();
        var resolver = new PathMatchingResourcePatternResolver();
        try {
            for (String extension : Deployments.EXTENSIONS) {
                for (Resource resource : resolver.getResources("classpath*:**/*" + extension)) {
                    files.putIfAbsent(resource.getFilename(), resource.getContentAsByteArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the shipped models", e);
        }
        return files;
    }

    /** Processes with the forms they link, then decision tables and unlinked forms alone; in file-name order. */
    static List<Group> groups(Map<String, byte[]> files) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, String> formsTaken = new TreeMap<>();
        files.forEach((file, bytes) -> {
            if (!file.toLowerCase(Locale.ROOT).endsWith(".bpmn")) {
                return;
            }
            Map<String, byte[]> members = new TreeMap<>();
            members.put(file, bytes);
            Matcher ref = FORM_REF.matcher(new String(bytes, StandardCharsets.UTF_8));
            while (ref.find()) {
                String form = ref.group(1) + ".form";
                if (files.containsKey(form) && formsTaken.putIfAbsent(form, file) == null) {
                    members.put(form, files.get(form));
                }
            }
            groups.put(file, new Group(baseName(file), members));
        });
        List<Group> result = new ArrayList<>(groups.values());
        files.forEach((file, bytes) -> {
            if (!file.toLowerCase(Locale.ROOT).endsWith(".bpmn") && !formsTaken.containsKey(file)) {
                result.add(new Group(baseName(file), Map.of(file, bytes)));
            }
        });
        return result;
    }

    static String baseName(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
