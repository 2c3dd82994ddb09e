package dev.ordergate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/** Deploys analysts' files through the ops API, as the caller, only what changed (the engine's duplicate filter). */
@Service
class Deployments {

    static final List<String> EXTENSIONS = List.of(".bpmn", ".dmn", ".form");

    record Deployed(String deploymentId, boolean changed, Instant deployedAt, List<String> resources,
                    List<Definition> definitions) {
    }

    record Definition(String kind, String key, int version, String id) {
    }

    static final class InvalidDeploymentException extends RuntimeException {
        InvalidDeploymentException(String message) {
            super(message);
        }
    }

    private final RepositoryService repository;
    private final IdentityService identity;

    Deployments(RepositoryService repository, IdentityService identity) {
        this.repository = repository;
        this.identity = identity;
    }

    Deployed deploy(String name, List<MultipartFile> files, String user) {
        if (files == null || files.isEmpty()) {
            throw new InvalidDeploymentException("Send at least one file part (.bpmn, .dmn or .form)");
        }
        if (name == null || name.isBlank()) {
            // As Camunda Modeler names a deployment: the (first) diagram's file name without its extension.
            name = files.stream().map(MultipartFile::getOriginalFilename).filter(java.util.Objects::nonNull)
                    .sorted(java.util.Comparator.comparing((String f) -> !f.endsWith(".bpmn")))
                    .map(ShippedModels::baseName).findFirst().orElse("ordergate");
        }
        // The duplicate filter answers an unchanged deployment with the existing one of that name.
        Set<String> before = new HashSet<>();
        repository.createDeploymentQuery().deploymentName(name).list().forEach(d -> before.add(d.getId()));
        DeploymentBuilder builder = repository.createDeployment().name(name).source(ShippedModels.SOURCE)
                .enableDuplicateFiltering(true);
        for (MultipartFile file : files) {
            String fileName = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
            if (EXTENSIONS.stream().noneMatch(fileName.toLowerCase(Locale.ROOT)::endsWith)) {
                throw new InvalidDeploymentException("'" + fileName + "' is not a .bpmn, .dmn or .form file");
            }
            try {
                builder.addInputStream(fileName, file.getInputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // With the caller's groups, so Camunda's authorizations (keycloak mode) decide as for any other command.
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            DeploymentWithDefinitions deployment = DeploymentAudit.as("ops-api", builder::deployWithResult);
            List<Definition> definitions = new ArrayList<>();
            java.util.Objects.requireNonNullElse(deployment.getDeployedProcessDefinitions(), List.<org.camunda.bpm.engine.repository.ProcessDefinition>of()).forEach(d -> definitions.add(new Definition("process", d.getKey(), d.getVersion(), d.getId())));
            java.util.Objects.requireNonNullElse(deployment.getDeployedDecisionDefinitions(), List.<org.camunda.bpm.engine.repository.DecisionDefinition>of()).forEach(d -> definitions.add(new Definition("decision", d.getKey(), d.getVersion(), d.getId())));
            return new Deployed(deployment.getId(), !before.contains(deployment.getId()), deployment.getDeploymentTime().toInstant(),
                    repository.getDeploymentResourceNames(deployment.getId()), definitions);
        } finally {
            identity.clearAuthentication();
        }
    }

}
