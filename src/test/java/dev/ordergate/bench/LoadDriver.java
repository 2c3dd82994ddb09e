package dev.ordergate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Submits orders to a running node through its public API and reports what a distributor sizes for: orders per second
 * carried to COMPLETED, intake and end-to-end latency percentiles, errors, peak heap and RSS.
 * <p>
 * Run by {@code bench/run.sh}; by hand: {@code java -cp <test classpath> dev.ordergate.bench.LoadDriver
 * --url http://127.0.0.1:18080 --orders 300 --rate 0 --concurrency 8 --pid <node pid>}. {@code --rate 0} submits as
 * fast as the concurrency allows; otherwise orders are started at that many per second. {@code --no-wait} returns once
 * every order is submitted and writes the business keys to {@code --keys-file} (the crash scenario kills the node
 * then). The last line is machine-readable: {@code RESULT key=value ...}.
 * <p>
 * Every order is the sandbox's happy path with one unit of two stocked products (the sandbox holds 500 and 1000 of
 * them and its Odoo lives as long as its JVM, so one sandbox carries about 500 orders).
 */
public final class LoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Histogram intake = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    /** From when the request was sent, not when it was due: without the driver's own lateness on shared cores. */
    private final Histogram intakeSent = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakRss = new AtomicLong();

    /**
     * @param peersUrl where the sandbox peers answer (their Odoo's call counts): the node's URL when they run in the
     *                 node's JVM, the peers' JVM's otherwise
     * @param peersPid the peers' JVM when they run in one of their own, for their CPU per order beside the node's
     */
    record Settings(String url, int orders, double rate, int concurrency, long pid, String label, Duration timeout,
                    boolean waitForCompletion, Path keysFile, String prefix, String peersUrl, long peersPid) {

        static Settings parse(String[] args) {
            Map<String, String> a = new TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--no-wait")) {
                    a.put("no-wait", "true");
                } else {
                    a.put(args[i].replaceFirst("^--", ""), args[++i]);
                }
            }
            return new Settings(a.getOrDefault("url", "http://127.0.0.1:18080"),
                    Integer.parseInt(a.getOrDefault("orders", "100")),
                    Double.parseDouble(a.getOrDefault("rate", "0")),
                    Integer.parseInt(a.getOrDefault("concurrency", "8")),
                    Long.parseLong(a.getOrDefault("pid", "0")),
                    a.getOrDefault("label", "run"),
                    Duration.parse(a.getOrDefault("timeout", "PT15M")),
                    !a.containsKey("no-wait"),
                    a.containsKey("keys-file") ? Path.of(a.get("keys-file")) : null,
                    a.getOrDefault("prefix", "BENCH-" + UUID.randomUUID().toString().substring(0, 8)),
                    a.getOrDefault("peers-url", a.getOrDefault("url", "http://127.0.0.1:18080")),
                    Long.parseLong(a.getOrDefault("peers-pid", "0")));
        }
    }

    LoadDriver(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--print-order")) {
            System.out.print(order(args[1]));
            return;
        }
        Settings settings = Settings.parse(args);
        int failures = new LoadDriver(settings).run();
        System.exit(failures == 0 ? 0 : 1);
    }

    int run() throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(this::sampleMemory, 0, 1, TimeUnit.SECONDS);
        long completedBefore = count("COMPLETED");
        Map<String, Integer> callsBefore = odooCalls();
        long cpuBefore = cpuTicks(settings.pid());
        long peersCpuBefore = cpuTicks(settings.peersPid());
        Machine machineBefore = Machine.now(settings.pid(), settings.peersPid());
        Instant started = Instant.now();
        submitAll();
        Instant submitted = Instant.now();
        if (settings.keysFile() != null) {
            Files.write(settings.keysFile(), ids.keySet());
        }
        List<String> report = new ArrayList<>();
        report.add("== %s: %d orders, rate %s, concurrency %d".formatted(settings.label(), settings.orders(),
                settings.rate() <= 0 ? "max" : settings.rate() + "/s", settings.concurrency()));
        report.add("intake   %d accepted in %.1f s (%.1f orders/s submitted), errors %d".formatted(ids.size(),
                seconds(started, submitted), ids.size() / seconds(started, submitted), errors.size()));
        report.add("intake latency ms      " + percentiles(intake));
        if (settings.rate() > 0) {
            report.add("  from sent, not due   " + percentiles(intakeSent) + "  (without the driver's own lateness)");
        }
        Map<String, Object> result = new TreeMap<>(Map.of("label", settings.label(), "orders", settings.orders(),
                "accepted", ids.size(), "errors", errors.size(),
                "intake_p50_ms", ms(intake.getValueAtPercentile(50)), "intake_p99_ms",
                ms(intake.getValueAtPercentile(99)), "intake_p999_ms", ms(intake.getValueAtPercentile(99.9)),
                "intake_sent_p99_ms", ms(intakeSent.getValueAtPercentile(99))));
        int incomplete = 0;
        if (settings.waitForCompletion()) {
            incomplete = awaitCompletion(completedBefore, started);
            // Read before the orders are read back below, so the costs are the orders' and not the report's.
            Machine machineAfter = Machine.now(settings.pid(), settings.peersPid());
            long cpuAfter = cpuTicks(settings.pid());
            long peersCpuAfter = cpuTicks(settings.peersPid());
            Map<String, Integer> callsAfter = odooCalls();
            Histogram endToEnd = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
            OffsetDateTime first = null;
            OffsetDateTime last = null;
            for (String id : ids.values()) {
                JsonNode order = getJson("/api/v1/orders/" + id);
                OffsetDateTime received = reached(order, "RECEIVED");
                OffsetDateTime completed = reached(order, "COMPLETED");
                if (received == null || completed == null) {
                    continue;
                }
                endToEnd.recordValue(Math.max(0, Duration.between(received, completed).toMillis()));
                first = first == null || received.isBefore(first) ? received : first;
                last = last == null || completed.isAfter(last) ? completed : last;
            }
            double window = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
            double throughput = window == 0 ? 0 : endToEnd.getTotalCount() / window;
            report.add("completed %d of %d, not completed %d; %.2f orders/s to COMPLETED (first RECEIVED to last COMPLETED, %.1f s)"
                    .formatted(endToEnd.getTotalCount(), ids.size(), incomplete, throughput, window));
            report.add("end-to-end latency ms  " + percentilesMs(endToEnd));
            result.put("completed", endToEnd.getTotalCount());
            result.put("incomplete", incomplete);
            result.put("throughput", "%.2f".formatted(throughput));
            result.put("e2e_p50_ms", endToEnd.getValueAtPercentile(50));
            result.put("e2e_p99_ms", endToEnd.getValueAtPercentile(99));
            result.put("e2e_max_ms", endToEnd.getMaxValue());
            reportCosts(endToEnd.getTotalCount(), callsBefore, callsAfter, cpuAfter - cpuBefore,
                    peersCpuAfter - peersCpuBefore, cpuBefore > 0, peersCpuBefore > 0, report, result);
            machineAfter.minus(machineBefore).report(endToEnd.getTotalCount(), report, result);
        }
        sampler.shutdownNow();
        sampleMemory();
        long hwm = statusKb("VmHWM");
        report.add("memory   peak heap used %d MiB (sampled each second), peak RSS %d MiB sampled, VmHWM %d MiB"
                .formatted(peakHeap.get() >> 20, peakRss.get() >> 10, hwm >> 10));
        errors.stream().limit(5).forEach(e -> report.add("error    " + e));
        result.put("peak_heap_mib", peakHeap.get() >> 20);
        result.put("peak_rss_mib", Math.max(peakRss.get(), hwm) >> 10);
        report.forEach(System.out::println);
        StringBuilder line = new StringBuilder("RESULT");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        return errors.size() + incomplete;
    }

    private void submitAll() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        long intervalNanos = settings.rate() <= 0 ? 0 : (long) (1_000_000_000L / settings.rate());
        long start = System.nanoTime();
        for (int i = 0; i < settings.orders(); i++) {
            if (intervalNanos > 0) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            String ref = settings.prefix() + "-" + i;
            // At a fixed rate the latency counts from when the order was due, so a stalled node cannot hide its
            // stall (coordinated omission); as fast as possible it counts from when the request was sent.
            long due = intervalNanos > 0 ? start + i * intervalNanos : -1;
            pool.execute(() -> submit(ref, due));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    private void submit(String ref, long due) {
        long sentNow = System.nanoTime();
        long sent = due > 0 ? due : sentNow;
        try {
            Exchange answer = post("/api/v1/orders", order(ref));
            int status = answer.status();
            long answered = System.nanoTime();
            intake.recordValue(Math.max(1, (answered - sent) / 1000));
            intakeSent.recordValue(Math.max(1, (answered - sentNow) / 1000));
            if (status == 201 || status == 200) {
                ids.put("b2b-portal:" + ref, JSON.readTree(answer.body()).path("id").asText());
            } else {
                errors.add(ref + " answered " + status + " " + answer.body());
            }
        } catch (Exception e) {
            errors.add(ref + " " + e);
        }
    }

    private record Exchange(int status, String body) {
    }

    /**
     * A POST on a blocking connection read on this thread (the JDK keeps it alive for the next one), rather than the
     * JDK's HttpClient, which hands each exchange between its selector and executor threads: fewer threads of the
     * driver's own on the cores it shares with the node. (It did not narrow the gap between the driver's intake
     * latency and the node's access log, 3-4 ms at p50 even at one order a second; nor did warming this JVM's HTTP
     * path first. docs/benchmarks.md, 2026-12-07 15:0x.)
     */
    private Exchange post(String path, String json) throws IOException {
        var connection = (java.net.HttpURLConnection) URI.create(settings.url() + path).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(60_000);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(body.length);
        try (var out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (var in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return new Exchange(status, in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static String order(String ref) {
        return """
                {"channel":"b2b-portal","channelOrderRef":"%s","customerRef":"C-10042",
                 "shipTo":{"name":"Acme Warehouse 3","street":"1 Dock Rd","city":"Fresno","postalCode":"93701","country":"US"},
                 "requestedDate":"2026-12-03","currency":"USD","paymentTerms":"30 Days",
                 "lines":[{"lineRef":"1","sku":"FURN_0269","quantity":1,"uom":"Units","unitPrice":299.00},
                          {"lineRef":"2","sku":"E-COM08","quantity":1,"uom":"Units","unitPrice":14.22}],
                 "allowSubstitutes":true,"allowPartialShipment":true}
                """.formatted(ref);
    }

    private int awaitCompletion(long completedBefore, Instant started) throws Exception {
        Instant deadline = started.plus(settings.timeout());
        long target = completedBefore + ids.size();
        long done = completedBefore;
        while (Instant.now().isBefore(deadline)) {
            done = count("COMPLETED");
            if (done >= target) {
                return 0;
            }
            Thread.sleep(1000);
        }
        errors.add("timed out after " + settings.timeout() + " with " + (target - done) + " orders not completed; IN_REVIEW "
                + count("IN_REVIEW") + ", REJECTED " + count("REJECTED"));
        return (int) (target - done);
    }

    private long count(String status) throws IOException, InterruptedException {
        return getJson("/api/v1/orders?status=" + status + "&size=1").path("total").asLong();
    }

    /**
     * What each completed order cost: the sandbox Odoo's calls by model and method, and the node's CPU seconds
     * (user + system from {@code /proc/<pid>/stat}), over the run divided by the orders it completed.
     */
    private static void reportCosts(long completed, Map<String, Integer> callsBefore, Map<String, Integer> callsAfter,
                                    long cpu, long peersCpu, boolean node, boolean peers, List<String> report,
                                    Map<String, Object> result) {
        if (completed == 0) {
            return;
        }
        Map<String, Integer> calls = new TreeMap<>(callsAfter);
        calls.replaceAll((key, count) -> count - callsBefore.getOrDefault(key, 0));
        calls.values().removeIf(count -> count <= 0);
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder byMethod = new StringBuilder();
        calls.forEach((key, count) -> byMethod.append("\n           %-45s %6.2f".formatted(key, (double) count / completed)));
        report.add("odoo     %.2f calls per completed order (sandbox counts), by model/method:%s"
                .formatted((double) total / completed, byMethod));
        result.put("odoo_calls_per_order", "%.2f".formatted((double) total / completed));
        if (node && cpu > 0) {
            double seconds = cpu / 100.0;
            report.add("cpu      node %.1f CPU s over the run, %.3f CPU s per completed order".formatted(seconds,
                    seconds / completed));
            result.put("cpu_s_per_order", "%.3f".formatted(seconds / completed));
        }
        if (peers && peersCpu > 0) {
            report.add("cpu      peers %.1f CPU s over the run, %.3f CPU s per completed order (their own JVM)"
                    .formatted(peersCpu / 100.0, peersCpu / 100.0 / completed));
            result.put("peers_cpu_s_per_order", "%.3f".formatted(peersCpu / 100.0 / completed));
        }
    }

    /**
     * The whole machine over a run, in clock ticks: its busy time (all cores, from {@code /proc/stat}) and what
     * PostgreSQL's processes and this driver spent of it, so a run tells what an order costs the machine and what is
     * left for the node (docs/benchmarks.md: the ceiling with the node's CPU at zero). PostgreSQL's are its processes
     * alive at both readings (a pooled node keeps its connections; one that ended in between is missed).
     */
    record Machine(long busy, long postgres, long driver, int cores, Map<Long, Long> postgresByPid) {

        static Machine now(long nodePid, long peersPid) {
            long busy = 0;
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i < cpu.length && i <= 8; i++) {
                    if (i != 4 && i != 5) { // idle and iowait
                        busy += Long.parseLong(cpu[i]);
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                busy = 0;
            }
            Map<Long, Long> postgres = new java.util.HashMap<>();
            try (var procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        if (stat.contains("(postgres)")) {
                            long pid = Long.parseLong(p.getFileName().toString());
                            postgres.put(pid, cpuTicks(pid));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // ended between the listing and the read
                    }
                });
            } catch (IOException unreadable) {
                // no /proc: the machine's figures stay 0
            }
            return new Machine(busy, 0, cpuTicks(ProcessHandle.current().pid()),
                    Runtime.getRuntime().availableProcessors(), postgres);
        }

        Machine minus(Machine before) {
            long postgres = postgresByPid.entrySet().stream().filter(e -> before.postgresByPid.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue() - before.postgresByPid.get(e.getKey())).sum();
            return new Machine(busy - before.busy, postgres, driver - before.driver, cores, Map.of());
        }

        void report(long completed, List<String> report, Map<String, Object> result) {
            if (completed == 0 || busy <= 0) {
                return;
            }
            report.add(("cpu      machine %.1f CPU s busy over the run (%d cores), %.3f per completed order; of it "
                    + "postgres %.3f, this driver %.3f").formatted(busy / 100.0, cores, busy / 100.0 / completed,
                    postgres / 100.0 / completed, driver / 100.0 / completed));
            result.put("machine_cpu_s_per_order", "%.3f".formatted(busy / 100.0 / completed));
            result.put("postgres_cpu_s_per_order", "%.3f".formatted(postgres / 100.0 / completed));
            result.put("driver_cpu_s_per_order", "%.3f".formatted(driver / 100.0 / completed));
        }
    }

    private Map<String, Integer> odooCalls() throws IOException, InterruptedException {
        Map<String, Integer> calls = new TreeMap<>();
        getJson(settings.peersUrl(), "/sandbox/odoo/calls").fields().forEachRemaining(e -> calls.put(e.getKey(), e.getValue().asInt()));
        return calls;
    }

    /** The node's user + system CPU time in clock ticks (USER_HZ, 100 on Linux); 0 when it is not a local process. */
    private static long cpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        return getJson(settings.url(), path);
    }

    private JsonNode getJson(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private void sampleMemory() {
        try {
            JsonNode heap = getJson("/actuator/metrics/jvm.memory.used?tag=area:heap");
            peakHeap.accumulateAndGet((long) heap.path("measurements").path(0).path("value").asDouble(), Math::max);
        } catch (Exception ignored) {
            // a sample missed while the node is busy or gone; the next one counts
        }
        peakRss.accumulateAndGet(statusKb("VmRSS"), Math::max);
    }

    /** A size from the node's {@code /proc/<pid>/status} in KiB, 0 when the node is not a local process. */
    private long statusKb(String field) {
        if (settings.pid() <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + settings.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }

    private static OffsetDateTime reached(JsonNode order, String milestone) {
        for (JsonNode m : order.path("milestones")) {
            if (milestone.equals(m.path("milestone").asText())) {
                return OffsetDateTime.parse(m.path("reachedAt").asText());
            }
        }
        return null;
    }

    private static String percentiles(Histogram micros) {
        return "p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f".formatted(ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static String percentilesMs(Histogram millis) {
        return "p50 %d  p90 %d  p99 %d  p99.9 %d  max %d".formatted(millis.getValueAtPercentile(50),
                millis.getValueAtPercentile(90), millis.getValueAtPercentile(99), millis.getValueAtPercentile(99.9),
                millis.getMaxValue());
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
    }
}
