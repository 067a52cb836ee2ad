package io.newsflow.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Turns the measurements into {@code results.md} (tables ready for docs/benchmarks.md, with every goal checked),
 * {@code results.json}, {@code results.csv} (one row per cell) and {@code pipeline-latency.png}.
 */
final class PipelineReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> facts;
    private final List<DevStackStartup.Start> devStarts;
    private final List<KafkaTools.ProducerRun> producerRuns;
    private final List<KafkaTools.EndToEndRun> endToEndRuns;
    private final List<Results.CellResult> results;
    private final Map<String, Map<String, Object>> perGuarantee;
    private final List<JfrSummary.Profile> profiles;
    private final int commitIntervalMs;
    private final boolean quick;
    private final double producerAnchor;
    private final double rawP99Ms;
    private final List<String> goals = new ArrayList<>();

    PipelineReport(Map<String, Object> facts, List<DevStackStartup.Start> devStarts, List<KafkaTools.ProducerRun> producerRuns,
                   List<KafkaTools.EndToEndRun> endToEndRuns, List<Results.CellResult> results,
                   Map<String, Map<String, Object>> perGuarantee, List<JfrSummary.Profile> profiles, int commitIntervalMs, boolean quick) {
        this.facts = facts;
        this.devStarts = devStarts;
        this.producerRuns = producerRuns;
        this.endToEndRuns = endToEndRuns;
        this.results = results;
        this.perGuarantee = perGuarantee;
        this.profiles = profiles;
        this.commitIntervalMs = commitIntervalMs;
        this.quick = quick;
        this.producerAnchor = Results.median(producerRuns.stream().mapToDouble(KafkaTools.ProducerRun::recordsPerSecond).toArray());
        // EndToEndLatency prints whole milliseconds; a p99 of 0 would make every goal impossible, so it counts as 1.
        double p99 = Results.median(endToEndRuns.stream().mapToDouble(KafkaTools.EndToEndRun::p99Ms).toArray());
        this.rawP99Ms = Double.isNaN(p99) ? Double.NaN : Math.max(1, p99);
    }

    void write(Path out, Path extraChart) throws IOException {
        Files.writeString(out.resolve("results.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>(facts);
        json.put("anchors", Map.of("producerPerformance", producerRuns, "endToEndLatency", endToEndRuns,
            "producerRecordsPerSecondMedian", producerAnchor, "endToEndP99MsMedian", rawP99Ms));
        json.put("devStack", devStarts);
        json.put("pipelines", perGuarantee);
        json.put("cells", results);
        json.put("profiles", profiles);
        json.put("goals", goals);
        JSON.writeValue(out.resolve("results.json").toFile(), json);
        Files.writeString(out.resolve("results.csv"), csv());
        List<LatencyChart.Point> points = results.stream().filter(r -> r.kind() == Cell.Kind.LATENCY)
            .map(r -> new LatencyChart.Point(r.guarantee(), r.entry(), r.offeredPerSecond(), r.ackToVisible().p50(), r.ackToVisible().p99(),
                !r.saturated()))
            .toList();
        if (!points.isEmpty()) {
            Path png = out.resolve("pipeline-latency.png");
            String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now());
            LatencyChart.write(points, rawP99Ms, commitIntervalMs, String.format(Locale.ROOT, "%s%s, %s cores shared by everything",
                quick ? "SMOKE RUN, not a result; " : "", stamp, ((Map<?, ?>) facts.get("machine")).get("cores")), png);
            if (extraChart != null) {
                Files.createDirectories(extraChart.toAbsolutePath().getParent());
                Files.copy(png, extraChart, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    String markdown() {
        goals.clear();
        StringBuilder md = new StringBuilder();
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) facts.get("machine");
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) facts.get("settings");
        md.append(quick ? "### Smoke run (`--quick`): checks that every phase works; these numbers are not results\n\n"
            : "### Results\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append(row("started", facts.get("started")));
        md.append(row("machine", machine.get("cpu") + ", " + machine.get("cores") + " cores, " + machine.get("memoryGiB") + " GiB; "
            + machine.get("jvm")));
        md.append(row("load average (1/5/15 min)", "start " + facts.get("loadAverageAtStart") + ", end " + facts.get("loadAverageAtEnd")));
        md.append(row("duration", facts.get("minutes") + " min"));
        md.append(row("record", facts.get("recordBytes") + " bytes of Avro per story (body about 2 KB), text from "
            + facts.get("storyText")));
        md.append(row("pipeline", "broker, registry, enrich-, feed- and ingest-service each in its own JVM; services -Xmx"
            + settings.get("serviceHeap") + ", " + settings.get("partitions") + " partitions, commit.interval.ms=" + commitIntervalMs
            + (((Map<?, ?>) settings.get("serviceSettings")).isEmpty() ? "" : ", extra settings " + settings.get("serviceSettings"))));
        md.append(row("latency cells", settings.get("cellWarmupSeconds") + " s unmeasured + " + settings.get("measureSeconds")
            + " s measured per load, open loop; at most " + settings.get("maxInFlight") + " POSTs in flight"));
        md.append(row("throughput runs", String.format(Locale.ROOT, "%,d stories per run, %s rounds; batches of %s lines, %s in flight; "
            + "single POSTs %s in flight", ((Number) settings.get("throughputStories")).intValue(), settings.get("rounds"),
            settings.get("batchLines"), settings.get("batchConcurrency"), settings.get("httpConcurrency"))));
        md.append('\n');

        anchors(md);
        throughput(md);
        latency(md);
        cpu(md);
        devStack(md);
        memory(md);
        profiles(md);
        logProblems(md);
        md.append("#### Goals\n\n");
        goals.forEach(goal -> md.append("- ").append(goal).append('\n'));
        md.append('\n');
        return md.toString();
    }

    private void anchors(StringBuilder md) {
        if (producerRuns.isEmpty()) {
            return;
        }
        md.append("#### Anchors: Kafka's own tools on the same broker, same run\n\n");
        md.append("| tool | run | records/s | MB/s | avg (ms) | p50 (ms) | p99 (ms) | p99.9 (ms) | load average |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (int i = 0; i < producerRuns.size(); i++) {
            KafkaTools.ProducerRun r = producerRuns.get(i);
            md.append(String.format(Locale.ROOT, "| `ProducerPerformance` acks=all | %d | %,.0f | %.1f | %.1f | %d | %d | %d | %s |%n", i + 1,
                r.recordsPerSecond(), r.megabytesPerSecond(), r.avgMs(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.loadAverage()));
        }
        for (int i = 0; i < endToEndRuns.size(); i++) {
            KafkaTools.EndToEndRun r = endToEndRuns.get(i);
            md.append(String.format(Locale.ROOT, "| `EndToEndLatency` acks=all, 1 partition | %d | | | %.2f | %d | %d | %d | %s |%n", i + 1,
                r.avgMs(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.loadAverage()));
        }
        md.append(String.format(Locale.ROOT, "%nMedians: producer **%,.0f records/s**; end-to-end p99 **%.0f ms** (the tool prints whole ms).%n%n",
            producerAnchor, rawP99Ms));
    }

    private void throughput(StringBuilder md) {
        List<Results.CellResult> cells = results.stream().filter(r -> r.kind() == Cell.Kind.THROUGHPUT).toList();
        if (cells.isEmpty()) {
            return;
        }
        md.append("#### Throughput until visible in the feed\n\n");
        md.append("Stories/s = stories ÷ (last one visible on the live stream − first one sent). Median of the rounds.\n\n");
        md.append("| guarantee | way in | stories/s | rounds min–max | steady (10–90 %) | taken in at /s | of producer anchor | goal | met |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |\n");
        Map<String, List<Results.CellResult>> groups = cells.stream().collect(Collectors.groupingBy(
            r -> r.guarantee() + "|" + r.entry(), LinkedHashMap::new, Collectors.toList()));
        for (List<Results.CellResult> group : groups.values()) {
            Results.CellResult first = group.get(0);
            double median = Results.median(group.stream().mapToDouble(Results.CellResult::throughputPerSecond).toArray());
            double min = group.stream().mapToDouble(Results.CellResult::throughputPerSecond).min().orElse(Double.NaN);
            double max = group.stream().mapToDouble(Results.CellResult::throughputPerSecond).max().orElse(Double.NaN);
            double steady = Results.median(group.stream().mapToDouble(Results.CellResult::steadyPerSecond).toArray());
            double in = Results.median(group.stream().mapToDouble(Results.CellResult::ackedPerSecond).toArray());
            double share = median / producerAnchor;
            double goal = first.entry() == Cell.Entry.DIRECT ? 0.5 : 0.25;
            boolean met = share >= goal;
            int missing = group.stream().mapToInt(Results.CellResult::missing).sum();
            md.append(String.format(Locale.ROOT, "| %s | %s | **%,.0f** | %,.0f–%,.0f | %,.0f | %,.0f | %s | ≥ %.0f %% | %s |%n", first.guarantee(),
                first.entry().label, median, min, max, steady, in, percent(share), goal * 100, mark(met, share)));
            if (!Double.isNaN(share)) {
                goals.add(String.format(Locale.ROOT, "%s throughput, %s, %s: %,.0f stories/s = %s of the producer anchor (goal ≥ %.0f %%)%s",
                    met ? "✓" : "✗", first.guarantee(), first.entry().label, median, percent(share), goal * 100,
                    missing > 0 ? String.format(Locale.ROOT, "; %,d stories never became visible", missing) : ""));
            }
        }
        md.append('\n');
    }

    private void latency(StringBuilder md) {
        List<Results.CellResult> cells = results.stream().filter(r -> r.kind() == Cell.Kind.LATENCY).toList();
        if (cells.isEmpty()) {
            return;
        }
        md.append("#### Latency, publish → visible on the live stream (`GET /feed/stream`)\n\n");
        md.append("Publish = the producer's acknowledgement (topic) or the 202 answer (HTTP). One clock: the load generator's JVM. "
            + "The last three columns split the path: from the request's start, to committed on `feed.events`, to `articles.enriched`.\n\n");
        md.append("| guarantee | way in | offered/s | achieved/s | stories | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | goal p99 | met | "
            + "request→visible p99 | →committed p99 | →enriched p99 | not visible |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: |\n");
        for (Results.CellResult r : cells) {
            Results.Latency l = r.ackToVisible();
            double goal = goalMs(r.guarantee());
            boolean met = l.p99() <= goal && !r.saturated();
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %,d | %s | **%s** | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                r.guarantee(), r.entry().label, r.offeredPerSecond(), r.saturated()
                    ? String.format(Locale.ROOT, "%,.0f, **not sustained**", r.generatorPerSecond())
                    : String.format(Locale.ROOT, "%,.0f", r.generatorPerSecond()), l.count(), ms(l.p50()), ms(l.p99()), ms(l.p999()),
                ms(l.max()), ms(goal), mark(met, l.p99() / goal), ms(r.sentToVisible().p99()), ms(r.ackToCommitted().p99()),
                ms(r.ackToEnriched().p99()), r.missing() + r.sseMissing() > 0 ? r.missing() + " / " + r.sseMissing() + " on stream" : "0"));
            if (!Double.isNaN(goal) && l.count() > 0) {
                goals.add(String.format(Locale.ROOT, "%s latency p99, %s, %s, %,d/s: %s ms (goal ≤ %s ms)%s", met ? "✓" : "✗", r.guarantee(),
                    r.entry().label, r.offeredPerSecond(), ms(l.p99()), ms(goal), r.saturated()
                        ? "; NOT SUSTAINED: " + r.saturation()
                        : r.generatorPerSecond() < 0.95 * r.offeredPerSecond() ? String.format(Locale.ROOT,
                        "; the generator only offered %,.0f/s", r.generatorPerSecond()) : ""));
            }
        }
        md.append(String.format(Locale.ROOT, "%nGoals: at-least-once p99 ≤ 3 × %s ms; exactly-once p99 ≤ %d ms + 3 × %s ms. "
            + "\"Not sustained\": the pipeline (or ingest's answers) fell more than the backlog limit behind the offered load and the "
            + "generator stopped early, or the last story became visible more than that limit after it was sent; the percentiles are "
            + "then those of a growing queue. Chart: `pipeline-latency.png`.%n%n", ms(rawP99Ms), commitIntervalMs, ms(rawP99Ms)));
    }

    private double goalMs(String guarantee) {
        return guarantee.equals(PipelineBenchmark.EOS) ? commitIntervalMs + 3 * rawP99Ms : 3 * rawP99Ms;
    }

    private void cpu(StringBuilder md) {
        List<Results.CellResult> cells = results.stream().filter(r -> r.kind() != Cell.Kind.WARMUP).toList();
        if (cells.isEmpty()) {
            return;
        }
        List<String> processes = new ArrayList<>(cells.get(0).cpuMsPerStory().keySet());
        md.append("#### CPU time per story (ms), by process\n\n");
        md.append("CPU used by each process during the cell, drain included, ÷ stories measured (throughput runs: median of rounds). "
            + "In brackets: the part spent by the JVM's JIT compilers and garbage collector (from `/proc/<pid>/task`).\n\n");
        md.append("| guarantee | cell | ").append(String.join(" | ", processes)).append(" | total |\n");
        md.append("| --- | --- |").append(" ---: |".repeat(processes.size() + 1)).append('\n');
        Map<String, List<Results.CellResult>> groups = cells.stream().collect(Collectors.groupingBy(
            r -> r.guarantee() + "|" + r.entry() + "|" + r.kind() + "|" + r.offeredPerSecond(), LinkedHashMap::new, Collectors.toList()));
        for (List<Results.CellResult> group : groups.values()) {
            Results.CellResult first = group.get(0);
            md.append("| ").append(first.guarantee()).append(" | ").append(first.entry().label).append(' ')
                .append(first.kind() == Cell.Kind.THROUGHPUT ? "max" : first.offeredPerSecond() + "/s").append(" |");
            double total = 0;
            for (String process : processes) {
                double value = Results.median(group.stream().mapToDouble(r -> r.cpuMsPerStory().getOrDefault(process, Double.NaN)).toArray());
                double jvm = Results.median(group.stream().mapToDouble(r -> {
                    Map<String, Double> kinds = r.cpuMsPerStoryByKind().getOrDefault(process, Map.of());
                    return kinds.getOrDefault("JIT", 0.0) + kinds.getOrDefault("GC", 0.0);
                }).toArray());
                total += Double.isNaN(value) ? 0 : value;
                md.append(String.format(Locale.ROOT, " %.3f (%.3f) |", value, jvm));
            }
            md.append(String.format(Locale.ROOT, " %.3f |%n", total));
        }
        md.append('\n');
        // The busiest threads of each process in the throughput runs straight to the topic: which part of a service works.
        results.stream().filter(r -> r.kind() == Cell.Kind.THROUGHPUT && r.entry() == Cell.Entry.DIRECT)
            .collect(Collectors.groupingBy(Results.CellResult::guarantee, LinkedHashMap::new, Collectors.toList()))
            .forEach((guarantee, rounds) -> {
                Results.CellResult r = rounds.get(rounds.size() / 2);
                md.append("Busiest threads, ").append(guarantee).append(", throughput straight to the topic (ms of CPU per story): ");
                md.append(r.busiestThreadsMsPerStory().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().entrySet().stream()
                    .limit(4).map(t -> "`" + t.getKey() + "` " + t.getValue()).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; "))).append(".\n\n");
            });
    }

    private void devStack(StringBuilder md) {
        if (devStarts.isEmpty()) {
            return;
        }
        md.append("#### Dev stack start (`io.newsflow.dev.DevMain`, as `./newsflow-dev` runs it after its Maven build)\n\n");
        md.append("| case | process start → ready line (s) | DevMain's own figure (s) | heap after GC (MiB) | RSS (MiB) | clean stop (s) | load average |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (DevStackStartup.Start s : devStarts) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %,d | %,d | %.1f | %s |%n", s.kind(), s.processToReadySeconds(),
                s.reportedSeconds(), s.heapUsedAfterGcMb(), s.residentMb(), s.stopSeconds(), s.loadAverage()));
        }
        double fresh = Results.median(devStarts.stream().filter(s -> s.kind().startsWith("fresh"))
            .mapToDouble(DevStackStartup.Start::processToReadySeconds).toArray());
        if (!Double.isNaN(fresh)) {
            goals.add(String.format(Locale.ROOT, "%s dev stack start to ready: %.1f s from process start, fresh data dir (goal ≤ 15 s; the "
                + "Maven build of ./newsflow-dev not included)", fresh <= 15 ? "✓" : "✗", fresh));
        }
        md.append('\n');
    }

    private void memory(StringBuilder md) {
        if (perGuarantee.isEmpty()) {
            return;
        }
        md.append("#### Services at the end of each pipeline\n\n");
        md.append("| guarantee | service | start to ready (s) | heap after GC (MiB) | RSS (MiB) |\n| --- | --- | ---: | ---: | ---: |\n");
        perGuarantee.forEach((guarantee, about) -> {
            @SuppressWarnings("unchecked")
            Map<String, Double> starts = (Map<String, Double>) about.getOrDefault("serviceStartSeconds", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Long>> memory = (Map<String, Map<String, Long>>) about.getOrDefault("memoryAtEnd", Map.of());
            memory.forEach((service, m) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d |%n", guarantee, service,
                starts.get(service), m.get("heapUsedAfterGcMb"), m.get("residentMb"))));
            if (about.get("liveStreamResyncs") instanceof Integer resyncs && resyncs > 0) {
                md.append(String.format(Locale.ROOT, "| %s | live stream | %d resync(s): the probe fell more than 1,000 events behind |||%n",
                    guarantee, resyncs));
            }
        });
        md.append('\n');
    }

    private void profiles(StringBuilder md) {
        if (profiles.isEmpty()) {
            return;
        }
        md.append("#### Where the CPU went (JFR execution samples over the measurements; files in `jfr/`)\n\n");
        for (JfrSummary.Profile p : profiles) {
            md.append(String.format(Locale.ROOT, "- **%s**, %,d samples. By top frame: %s.%n  Hottest methods (self): %s.%n"
                + "  Newsflow methods with what they call: %s.%n", p.service(), p.samples(), shares(p.families()), shares(p.selfMethods()),
                shares(p.totalMethods())));
        }
        md.append('\n');
    }

    private void logProblems(StringBuilder md) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> problems = (Map<String, Map<String, Long>>) facts.getOrDefault("logProblems", Map.of());
        if (problems.isEmpty()) {
            return;
        }
        md.append("#### Warnings and errors the processes logged (most frequent first, numbers blanked; logs in `logs/`)\n\n");
        problems.forEach((file, counts) -> counts.forEach((message, count) ->
            md.append(String.format(Locale.ROOT, "- `%s` × %,d: `%s`%n", file, count, message.replace('`', '\'')))));
        md.append('\n');
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("cell,guarantee,entry,kind,offered_per_s,round,sent,measured,acked,failed,visible,committed,"
            + "missing,sse_missing,generator_per_s,generator_max_lag_ms,throughput_per_s,steady_per_s,acked_per_s,p50_ms,p99_ms,p999_ms,max_ms,"
            + "request_p99_ms,committed_p99_ms,enriched_p99_ms,seconds,load_average\n");
        for (Results.CellResult r : results) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.1f,%s%n",
                r.cell(), r.guarantee(), r.entry(), r.kind(), r.offeredPerSecond(), r.round(), r.sent(), r.measured(), r.acked(), r.failed(),
                r.visible(), r.committed(), r.missing(), r.sseMissing(), r.generatorPerSecond(), r.generatorMaxLagMs(), r.throughputPerSecond(),
                r.steadyPerSecond(), r.ackedPerSecond(), r.ackToVisible().p50(), r.ackToVisible().p99(), r.ackToVisible().p999(),
                r.ackToVisible().max(), r.sentToVisible().p99(), r.ackToCommitted().p99(), r.ackToEnriched().p99(), r.seconds(),
                r.loadAverage().replace(" / ", " ")));
        }
        return csv.toString();
    }

    private static String shares(Map<String, Double> shares) {
        return shares.entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue() + " %").collect(Collectors.joining(", "));
    }

    private static String row(String key, Object value) {
        return "| " + key + " | " + value + " |\n";
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String ms(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : Math.abs(value) < 100 ? "%.1f" : "%,.0f", value);
    }

    private static String mark(boolean met, double ratio) {
        return Double.isNaN(ratio) ? "n/a" : met ? "✓" : "✗";
    }
}
