package io.newsflow.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went, from the execution samples of a JFR recording: the hottest methods by samples on top
 * of the stack (self), the hottest of Newsflow's own methods by samples anywhere on the stack (total, i.e. with what
 * they call), and the share of the top frame's
 * package family (Avro, RocksDB, Kafka clients, Jetty, entity linking, logging …).
 *
 * <p>JFR samples threads running Java code; time inside native code (RocksDB, compression, the kernel) shows up
 * as the Java method that called it, and time waiting for a CPU is not sampled at all.
 */
final class JfrSummary {

    /** Package prefixes, first match wins, and the name of what they do. */
    private static final List<Map.Entry<String, String>> FAMILIES = List.of(
        Map.entry("io.newsflow.linking", "entity linking"),
        Map.entry("com.hankcs", "entity linking"),
        Map.entry("io.newsflow", "newsflow (other)"),
        Map.entry("org.apache.avro", "Avro"),
        Map.entry("org.rocksdb", "RocksDB"),
        Map.entry("org.apache.kafka.streams", "Kafka Streams"),
        Map.entry("org.apache.kafka.common.compress", "Kafka compression"),
        Map.entry("org.apache.kafka.common.record", "Kafka record batches"),
        Map.entry("org.apache.kafka.common.utils.Crc32C", "Kafka record batches"),
        Map.entry("org.apache.kafka", "Kafka clients"),
        Map.entry("com.fasterxml.jackson", "Jackson"),
        Map.entry("org.eclipse.jetty", "Jetty"),
        Map.entry("io.javalin", "Javalin"),
        Map.entry("io.micrometer", "Micrometer"),
        Map.entry("org.apache.logging", "logging"),
        Map.entry("org.slf4j", "logging"),
        Map.entry("sun.nio", "network I/O"),
        Map.entry("java.net", "network I/O"),
        Map.entry("java.nio", "network I/O"),
        Map.entry("jdk.internal.net", "network I/O"),
        Map.entry("java.util.zip", "JDK zip/CRC"),
        Map.entry("java.util.regex", "JDK regex"),
        Map.entry("java.util.concurrent", "JDK concurrency"),
        Map.entry("java.lang.String", "JDK strings"),
        Map.entry("java.lang.StringBuilder", "JDK strings"),
        Map.entry("java.lang.AbstractStringBuilder", "JDK strings"),
        Map.entry("java.util", "JDK collections"),
        Map.entry("java.", "JDK (other)"),
        Map.entry("jdk.", "JDK (other)"),
        Map.entry("sun.", "JDK (other)"));

    /** Samples in one recording, and the top entries of each view as {@code name → share of samples}. */
    record Profile(String service, long samples, Map<String, Double> families, Map<String, Double> selfMethods,
                   Map<String, Double> totalMethods) {
    }

    private JfrSummary() {
    }

    static Profile read(String service, Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> families = new HashMap<>();
        long samples = 0;
        if (Files.isReadable(recording)) {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                String topMethod = name(frames.get(0).getMethod());
                self.merge(topMethod, 1L, Long::sum);
                families.merge(family(topMethod), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String method = name(frame.getMethod());
                    if (method.startsWith("io.newsflow.") && seen.add(method)) {
                        total.merge(method, 1L, Long::sum);
                    }
                }
            }
        }
        return new Profile(service, samples, shares(families, samples, top), shares(self, samples, top),
            shares(total, samples, top * 2));
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static String family(String method) {
        for (var entry : FAMILIES) {
            if (method.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return "other";
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long samples, int top) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
            .forEach(e -> shares.put(e.getKey(), Math.round(1000.0 * e.getValue() / Math.max(1, samples)) / 10.0));
        return shares;
    }
}
