package dev.ordergate.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges whose tag sets come and go (a group with no open task, an activity whose incidents were resolved): a tag
 * set that is no longer reported reads 0 rather than its last value.
 */
final class Gauges {

    private static final class Value {
        volatile double current;
    }

    private record Key(String name, Tags tags) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Value> values = new ConcurrentHashMap<>();

    Gauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void update(String name, String description, String baseUnit, Map<Tags, ? extends Number> current) {
        values.forEach((key, value) -> {
            if (key.name().equals(name) && !current.containsKey(key.tags())) {
                value.current = 0;
            }
        });
        current.forEach((tags, number) -> values.computeIfAbsent(new Key(name, tags), key -> {
            Value value = new Value();
            Gauge.builder(name, value, v -> v.current).description(description).baseUnit(baseUnit).tags(tags)
                    .strongReference(true).register(registry);
            return value;
        }).current = number.doubleValue());
    }

    void update(String name, String description, String baseUnit, Number value) {
        update(name, description, baseUnit, Map.of(Tags.empty(), value));
    }
}
