package dev.ordergate.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Finds the expressions in a BPMN file that name Spring beans and checks each against the application context:
 * a delegate expression {@code ${checkCredit}} and the leading name of a method expression
 * {@code ${reviewNotices.remind(execution)}} (on tasks and listeners) must be beans, and a method called on a bean
 * must exist on it; in retry cycles and timers {@code ${retries.odoo}} the leading name must be a bean (variables
 * hold ids and flags, not objects). Conditions and candidate groups name process variables and are not checked here.
 */
final class ModelExpressions {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern EXPRESSION = Pattern.compile("^[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(\\()?)?");
    /** Names the engine itself resolves in expressions. */
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId", "variableScope");
    private static final Set<String> TIMER_ELEMENTS = Set.of("timeDuration", "timeCycle", "timeDate");

    private final ApplicationContext context;

    ModelExpressions(ApplicationContext context) {
        this.context = context;
    }

    List<String> problems(Path model) {
        Document document = parse(model);
        List<String> problems = new ArrayList<>();
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                boolean camundaAttribute = CAMUNDA.equals(attribute.getNamespaceURI());
                boolean listenerAttribute = CAMUNDA.equals(element.getNamespaceURI()) && attribute.getNamespaceURI() == null;
                String name = attribute.getLocalName();
                if ((camundaAttribute || listenerAttribute) && ("delegateExpression".equals(name) || "expression".equals(name))) {
                    check(model, where(element), name, attribute.getValue().trim(), "delegateExpression".equals(name), problems);
                }
            }
            String local = element.getLocalName();
            boolean retryCycle = CAMUNDA.equals(element.getNamespaceURI()) && "failedJobRetryTimeCycle".equals(local);
            if (retryCycle || TIMER_ELEMENTS.contains(local)) {
                String text = element.getTextContent().trim();
                Matcher m = EXPRESSION.matcher(text);
                if (m.find() && m.group(2) != null) {
                    check(model, where(element), local, text, false, problems);
                }
            }
        }
        return problems;
    }

    private void check(Path model, String where, String kind, String expression, boolean delegate, List<String> problems) {
        Matcher m = EXPRESSION.matcher(expression);
        if (!m.find()) {
            problems.add("%s: %s %s '%s' is not an expression of the form ${bean} or ${bean.method(...)}"
                    .formatted(model, where, kind, expression));
            return;
        }
        String bean = m.group(1);
        if (ENGINE_NAMES.contains(bean)) {
            return;
        }
        if (!context.containsBean(bean)) {
            problems.add("%s: %s %s %s names '%s', which is not a bean in the application (a @Component or @Bean"
                    .formatted(model, where, kind, expression, bean)
                    + " method name in src/main/java); fix the spelling in Modeler or add the bean");
            return;
        }
        if (delegate && m.group(2) != null) {
            problems.add("%s: %s delegateExpression %s should name the bean only, e.g. ${%s}".formatted(model, where, expression, bean));
        }
        if (m.group(3) != null) {
            Class<?> type = AopUtils.getTargetClass(context.getBean(bean));
            String method = m.group(2);
            boolean exists = Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(method::equals);
            if (!exists) {
                problems.add("%s: %s %s %s calls %s.%s(...), which bean '%s' (%s) does not have"
                        .formatted(model, where, kind, expression, bean, method, bean, type.getSimpleName()));
            }
        }
    }

    /** The nearest flow element with an id, as the analyst sees it in Modeler: its name and id. */
    private static String where(Element element) {
        Element e = element;
        while (e != null && (e.getAttribute("id").isEmpty() || e.getLocalName().endsWith("EventDefinition")
                || !"http://www.omg.org/spec/BPMN/20100524/MODEL".equals(e.getNamespaceURI()))) {
            e = e.getParentNode() instanceof Element parent ? parent : null;
        }
        return e == null ? "?" : "'%s' (%s)".formatted(e.getAttribute("name"), e.getAttribute("id"));
    }

    private static Document parse(Path model) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(model.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalArgumentException(model + " is not readable XML: " + e.getMessage(), e);
        }
    }
}
