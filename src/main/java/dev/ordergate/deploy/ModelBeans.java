package dev.ordergate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The Spring beans a process model may reach from an expression, and nothing else: the delegates and listeners, plus
 * the beans the shipped models in bpmn/ name (retry cycles, review timers ...). The engine resolves expressions only
 * against this allow-list (the configuration's {@code beans} map), so a deployed model cannot read
 * {@code ${environment.getProperty(...)}} or call {@code dataSource}; and a deployment whose expressions name any
 * other bean, or that carries a script (which would run with the JVM's full rights), is refused before it is stored.
 * A new delegate or listener bean joins the list by its type, without editing anything.
 */
@Component
class ModelBeans extends AbstractProcessEnginePlugin {

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    /** A name at the start of a path: not after a dot (a property or method of something else). */
    private static final Pattern ROOT_NAME = Pattern.compile("(?<![.\\w])([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SCRIPT = Pattern.compile("<([\\w.-]+:)?scriptTask\\b|<([\\w.-]+:)?script\\b|scriptFormat=");
    private static final List<Class<?>> ENGINE_CALLBACKS = List.of(JavaDelegate.class, ExecutionListener.class,
            TaskListener.class);

    private final ApplicationContext context;
    private Set<String> allowed;

    ModelBeans(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new AllowedBeans();
        configuration.setBeans(beans);
        // The starter built its expression manager (resolving every bean) before the plugins ran; replace it.
        configuration.setExpressionManager(new SpringExpressionManager(context, beans));
        List<Deployer> deployers = new ArrayList<>();
        deployers.add(this::refuseUnknownBeans);
        if (configuration.getCustomPreDeployers() != null) {
            deployers.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(deployers);
    }

    /** The bean names models may use, computed once from the bean definitions and the shipped models. */
    synchronized Set<String> allowed() {
        if (allowed == null) {
            Set<String> names = new TreeSet<>();
            ENGINE_CALLBACKS.forEach(type -> names.addAll(List.of(context.getBeanNamesForType(type, true, false))));
            try {
                for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:**/*.bpmn")) {
                    rootNames(model.getContentAsString(StandardCharsets.UTF_8)).stream()
                            .filter(context::containsBean).forEach(names::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the shipped process models", e);
            }
            allowed = Set.copyOf(names);
        }
        return allowed;
    }

    /** Problems of one model: the beans outside the allow-list its expressions name, and any script. */
    List<String> problems(String model) {
        List<String> problems = new ArrayList<>();
        if (SCRIPT.matcher(model).find()) {
            problems.add("scripts are not allowed in a model (they run with the server's full rights); use a "
                    + "delegate bean instead");
        }
        for (String name : rootNames(model)) {
            if (context.containsBean(name) && !allowed().contains(name)) {
                problems.add("an expression names '" + name + "', which models may not reach; models may name the "
                        + "delegates, listeners and the beans the shipped models use");
            }
        }
        return problems;
    }

    private void refuseUnknownBeans(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            String name = resource.getName().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
                continue;
            }
            List<String> problems = problems(new String(resource.getBytes(), StandardCharsets.UTF_8));
            if (!problems.isEmpty()) {
                throw ModelProblem.refusal(resource.getName(), problems);
            }
        }
    }

    static Set<String> rootNames(String model) {
        String xml = model.replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
                .replace("&lt;", "<").replace("&gt;", ">");
        Set<String> names = new TreeSet<>();
        Matcher expression = EXPRESSION.matcher(xml);
        while (expression.find()) {
            Matcher root = ROOT_NAME.matcher(STRING_LITERAL.matcher(expression.group(1)).replaceAll("''"));
            while (root.find()) {
                names.add(root.group(1));
            }
        }
        return names;
    }

    /** The engine's view of the beans: only allowed names exist; each bean is looked up when an expression runs. */
    private final class AllowedBeans extends AbstractMap<Object, Object> {

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && allowed().contains(name);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            allowed().forEach(name -> resolved.put(name, context.getBean(name)));
            return resolved.entrySet();
        }
    }
}
