package io.newsflow.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process by thread, from {@code /proc/<pid>/task/<tid>/stat}, with thread names made generic
 * ({@code StreamThread-1} and {@code StreamThread-2} both count as {@code StreamThread-#}). It tells the JVM's own work
 * (JIT compilers, garbage collector) from the application's threads, which a JFR execution sample cannot: JFR samples
 * only threads running Java code. Threads that ended between two readings lose their time. Linux only; elsewhere
 * every reading is empty.
 */
public final class ThreadCpu {

    /** Clock ticks per second of the times in {@code stat}; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ThreadCpu() {
    }

    /** Seconds of CPU per generic thread name, so far. */
    public static Map<String, Double> read(long pid) {
        Map<String, Double> byThread = new LinkedHashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return byThread;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    byThread.merge(generic(name), seconds, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return byThread;
    }

    /**
     * What a thread does, from its generic name ({@code C2 CompilerThread0} reads {@code C# CompilerThre}, as the kernel
     * keeps 15 characters): {@code JIT}, {@code GC} (with the VM thread, which runs the safepoints), {@code JFR} or
     * {@code app}.
     */
    public static String category(String genericName) {
        if (genericName.startsWith("C# CompilerThre") || genericName.startsWith("C# Compiler")) {
            return "JIT";
        }
        if (genericName.startsWith("GC Thread") || genericName.startsWith("G# ") || genericName.startsWith("VM Thread")) {
            return "GC";
        }
        if (genericName.startsWith("JFR")) {
            return "JFR";
        }
        return "app";
    }

    /** {@code after − before} per thread name, dropping names that used nothing. */
    public static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, seconds) -> {
            double delta = seconds - before.getOrDefault(name, 0.0);
            if (delta > 0.0) {
                used.put(name, delta);
            }
        });
        return used;
    }

    private static String generic(String name) {
        return name.replaceAll("\\d+", "#");
    }
}
