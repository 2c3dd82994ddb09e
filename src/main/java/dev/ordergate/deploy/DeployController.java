package dev.ordergate.deploy;

import dev.ordergate.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The ops API for deployments and migrations: {@code /api/v1/ops/deployments}, {@code /api/v1/ops/migrations}. */
@RestController
@RequestMapping("/api/v1/ops")
class DeployController {

    private final Deployments deployments;
    private final DeploymentAudit audit;
    private final Migrations migrations;

    DeployController(Deployments deployments, DeploymentAudit audit, Migrations migrations) {
        this.deployments = deployments;
        this.audit = audit;
        this.migrations = migrations;
    }

    @PostMapping(path = "/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Deployments.Deployed> deploy(@RequestPart(name = "files", required = false) List<MultipartFile> files,
                                                @RequestParam(name = "name", required = false) String name,
                                                HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        Deployments.Deployed deployed = deployments.deploy(name, files, principal == null ? "anonymous" : principal.getName());
        return ResponseEntity.status(deployed.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(deployed);
    }

    @GetMapping("/deployments")
    List<DeploymentAudit.Entry> deployments(@RequestParam(name = "limit", defaultValue = "50") int limit) {
        return audit.latest(Math.max(1, Math.min(limit, 500)));
    }

    @PostMapping("/migrations/plan")
    Migrations.Plan plan(@RequestBody Migrations.Request request) {
        return migrations.plan(request);
    }

    @PostMapping("/migrations")
    Migrations.Report migrate(@RequestBody Migrations.Request request) {
        return migrations.migrate(request);
    }

    @ExceptionHandler(Deployments.InvalidDeploymentException.class)
    ResponseEntity<Object> invalid(Deployments.InvalidDeploymentException ex) {
        return ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-deployment", "Invalid deployment", ex.getMessage(), Map.of());
    }

    /** A model the engine refuses (parse errors, a missing history time to live ...) with the engine's own messages. */
    @ExceptionHandler(org.camunda.bpm.engine.ParseException.class)
    ResponseEntity<Object> unparsable(org.camunda.bpm.engine.ParseException ex) {
        List<String> errors = ex.getResorceReports().stream().flatMap(r -> r.getErrors().stream()
                .map(e -> r.getResourceName() + (e.getElementIds().isEmpty() ? "" : " " + e.getElementIds()) + ": " + e.getMainElementId() + " " + e.getMessage()))
                .toList();
        return ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-model", "The engine refused the model", ex.getMessage(),
                Map.of("errors", errors));
    }

    @ExceptionHandler(Migrations.UnknownInstancesException.class)
    ResponseEntity<Object> unknownInstances(Migrations.UnknownInstancesException ex) {
        return ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-instances", "Unknown process instances",
                ex.getMessage(), Map.of("errors", ex.errors()));
    }

    @ExceptionHandler(Migrations.UnknownVersionException.class)
    ResponseEntity<Object> unknown(Migrations.UnknownVersionException ex) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "unknown-version", "Unknown process version", ex.getMessage(), Map.of());
    }
}
