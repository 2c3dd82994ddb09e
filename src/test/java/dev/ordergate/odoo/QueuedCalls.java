package dev.ordergate.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Orders that queue at one Odoo step: each on its own thread, as jobs would be, released together. */
final class QueuedCalls {

    private QueuedCalls() {
    }

    /** Each input's answer, or the exception it met, in the inputs' order. */
    static <T> List<Object> together(List<T> inputs, Function<T, Object> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(inputs.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> answers = new ArrayList<>();
            for (T input : inputs) {
                answers.add(threads.submit(() -> {
                    start.await();
                    try {
                        return call.apply(input);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> answer : answers) {
                results.add(answer.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The calls counted after {@code before}, by model/method. */
    static Map<String, Integer> added(Map<String, Integer> after, Map<String, Integer> before) {
        Map<String, Integer> calls = new LinkedHashMap<>();
        after.forEach((key, count) -> {
            int added = count - before.getOrDefault(key, 0);
            if (added > 0) {
                calls.put(key, added);
            }
        });
        return calls;
    }
}
