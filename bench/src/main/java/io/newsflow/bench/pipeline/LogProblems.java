package io.newsflow.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Warnings and errors the child processes logged (the services' log4j layout: {@code HH:mm:ss.SSS LEVEL logger message}),
 * counted per log file and grouped by message with the numbers blanked out, so a benchmark that "worked" but made a
 * service complain says so.
 */
final class LogProblems {

    private static final Pattern LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR)\\s+(\\S+)\\s+(.*)$");

    private LogProblems() {
    }

    /** For each log with warnings or errors: {@code "WARN|ERROR logger message…" → count}, the 5 most frequent. */
    static Map<String, Map<String, Long>> scan(Path logs) {
        Map<String, Map<String, Long>> problems = new LinkedHashMap<>();
        if (!Files.isDirectory(logs)) {
            return problems;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String line : lines(file)) {
                    Matcher m = LINE.matcher(line);
                    if (m.matches()) {
                        String message = m.group(3).replaceAll("\\d+", "N");
                        counts.merge(m.group(1) + " " + m.group(2) + " " + message.substring(0, Math.min(140, message.length())), 1L, Long::sum);
                    }
                }
                if (!counts.isEmpty()) {
                    problems.put(file.getFileName().toString(), counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
                }
            }
        } catch (IOException e) {
            problems.put("(error)", Map.of(e.toString(), 1L));
        }
        return problems;
    }

    private static List<String> lines(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    }
}
