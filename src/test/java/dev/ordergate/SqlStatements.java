package dev.ordergate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts what the node sends its database: SQL statements (each {@code execute*}, and each row of a JDBC batch),
 * round trips (each {@code execute*}, {@code executeBatch}, commit and rollback) and commits, by the kind of thread
 * that sent them (a job thread, a request thread, any other), and per calling thread for {@link #on(Supplier)}. The
 * application's DataSource is wrapped in a JDK proxy that only counts and passes every call on, so the engine, Flyway
 * and our own JdbcClient work against the real pool and database as in production.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatements {

    /** Figures of a piece of work: statements sent, round trips they took, commits. */
    public record Count(long statements, long roundTrips, long commits) {

        Count minus(Count earlier) {
            return new Count(statements - earlier.statements, roundTrips - earlier.roundTrips, commits - earlier.commits);
        }
    }

    private static final Map<String, Counters> BY_THREAD_KIND = new ConcurrentHashMap<>();
    private static final ThreadLocal<Counters> THIS_THREAD = new ThreadLocal<>();
    private static final Map<String, AtomicLong> TEXTS = new ConcurrentHashMap<>();

    /** How often each statement was sent, by thread kind and the statement's first words: what to look at first. */
    public static Map<String, Long> texts() {
        Map<String, Long> texts = new TreeMap<>();
        TEXTS.forEach((text, count) -> texts.put(text, count.get()));
        return texts;
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())
                        ? proxy(DataSource.class, dataSource) : bean;
            }
        };
    }

    /** What {@code work} sent from the calling thread (the engine and our stores run synchronously on it). */
    public static <T> Counted<T> on(Supplier<T> work) {
        Counters counters = new Counters();
        Counters outer = THIS_THREAD.get();
        THIS_THREAD.set(counters);
        try {
            T result = work.get();
            Map<String, Long> texts = new TreeMap<>();
            counters.texts.forEach((text, count) -> texts.put(text, count.get()));
            return new Counted<>(result, counters.snapshot(), texts);
        } finally {
            THIS_THREAD.set(outer);
        }
    }

    /** The work's result, its figures, and how often it sent each statement (by its first words). */
    public record Counted<T>(T result, Count count, Map<String, Long> texts) {
    }

    /** Everything sent so far by the threads of each kind: {@code job}, {@code request}, {@code other}. */
    public static Map<String, Count> byThreadKind() {
        Map<String, Count> figures = new TreeMap<>();
        BY_THREAD_KIND.forEach((kind, counters) -> figures.put(kind, counters.snapshot()));
        return figures;
    }

    /** What the threads of each kind sent between two snapshots of {@link #byThreadKind()}. */
    public static Map<String, Count> between(Map<String, Count> before, Map<String, Count> after) {
        Map<String, Count> figures = new TreeMap<>();
        after.forEach((kind, count) -> figures.put(kind, count.minus(before.getOrDefault(kind, new Count(0, 0, 0)))));
        return figures;
    }

    static String kindOf(Thread thread) {
        String name = thread.getName();
        if (name.startsWith("camundaTaskExecutor")) {
            return "job";
        }
        if (name.startsWith("http-nio")) {
            return "request";
        }
        return "other";
    }

    private static final class Counters {
        final AtomicLong statements = new AtomicLong();
        final AtomicLong roundTrips = new AtomicLong();
        final AtomicLong commits = new AtomicLong();
        final Map<String, AtomicLong> texts = new ConcurrentHashMap<>();

        Count snapshot() {
            return new Count(statements.get(), roundTrips.get(), commits.get());
        }
    }

    private static void count(long statements, long roundTrips, long commits, String sql) {
        String kindName = kindOf(Thread.currentThread());
        Counters mine = THIS_THREAD.get();
        if (sql != null) {
            String words = sql.replaceAll("\\s+", " ").strip();
            String text = words.substring(0, Math.min(110, words.length()));
            TEXTS.computeIfAbsent(kindName + " " + text, t -> new AtomicLong()).addAndGet(statements);
            if (mine != null) {
                mine.texts.computeIfAbsent(text, t -> new AtomicLong()).addAndGet(statements);
            }
        }
        add(BY_THREAD_KIND.computeIfAbsent(kindName, k -> new Counters()), statements, roundTrips, commits);
        if (mine != null) {
            add(mine, statements, roundTrips, commits);
        }
    }

    private static void add(Counters counters, long statements, long roundTrips, long commits) {
        counters.statements.addAndGet(statements);
        counters.roundTrips.addAndGet(roundTrips);
        counters.commits.addAndGet(commits);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target) {
        return proxy(type, target, null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, String sql) {
        return (T) Proxy.newProxyInstance(SqlStatements.class.getClassLoader(), new Class<?>[] {type},
                new Counting(target, sql));
    }

    private record Counting(Object target, String sql) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("unwrap") && args[0] instanceof Class<?> wanted && wanted.isInstance(proxy)) {
                return proxy;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            String text = args != null && args.length > 0 && args[0] instanceof String given ? given : sql;
            switch (name) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> count(1, 1, 0, text);
                case "addBatch" -> count(1, 0, 0, text);
                case "executeBatch", "executeLargeBatch", "rollback" -> count(0, 1, 0, null);
                case "commit" -> count(0, 1, 1, null);
                default -> {
                }
            }
            if (result instanceof Connection connection) {
                return proxy(Connection.class, connection);
            }
            String prepared = args != null && args.length > 0 && args[0] instanceof String given ? given : null;
            if (result instanceof CallableStatement statement) {
                return proxy(CallableStatement.class, statement, prepared);
            }
            if (result instanceof PreparedStatement statement) {
                return proxy(PreparedStatement.class, statement, prepared);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement);
            }
            return result;
        }
    }
}
