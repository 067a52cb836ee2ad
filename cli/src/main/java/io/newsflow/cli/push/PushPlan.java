package io.newsflow.cli.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a push sends, found from the paths given: a file as it is, a folder recursively (hidden files
 * and folders skipped; only {@code .json}, {@code .ndjson}, {@code .jsonl} and {@code .txt} taken), in a
 * stable order so a re-run sends the same keys.
 */
public final class PushPlan {

    private final List<PlannedFile> files;

    private PushPlan(List<PlannedFile> files) {
        this.files = List.copyOf(files);
    }

    /** A path or prefix that cannot be pushed; the command reports it as a usage error. */
    public static final class PlanException extends Exception {
        private static final long serialVersionUID = 1L;

        public PlanException(String message) {
            super(message);
        }
    }

    public List<PlannedFile> files() {
        return files;
    }

    public int stories() {
        return files.stream().mapToInt(PlannedFile::stories).sum();
    }

    /**
     * Finds and classifies every file.
     *
     * @param prefix the Idempotency-Key prefix, if any: two files whose keys would collide are refused up front
     */
    public static PushPlan of(List<Path> paths, StoryFormat.Choice choice, Optional<String> prefix) throws PlanException {
        List<PlannedFile> planned = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Map<String, String> keyOwners = new HashMap<>();
        for (Path given : paths) {
            for (Found found : find(given)) {
                if (!seen.add(realPath(found.path()))) {
                    continue;
                }
                StoryFormat format = formatOf(found, choice);
                int stories = format.isBatch() ? NdjsonChunks.countLines(found.path()) : 1;
                if (prefix.isPresent()) {
                    String owner = keyOwners.putIfAbsent(found.keyPath(), found.path().toString());
                    if (owner != null) {
                        throw new PlanException(owner + " and " + found.path() + " would share the Idempotency-Key '"
                            + IdempotencyKeys.forStory(prefix.get(), found.keyPath())
                            + "'; push them separately or with different --idempotency-prefix values");
                    }
                }
                planned.add(new PlannedFile(planned.size(), found.path(), found.path().toString(), found.keyPath(), format, stories));
            }
        }
        if (planned.isEmpty()) {
            throw new PlanException("No stories found in " + paths + ": push .json, .ndjson, .jsonl or .txt files, or folders holding them");
        }
        return new PushPlan(planned);
    }

    private record Found(Path path, String keyPath) {
    }

    private static List<Found> find(Path given) throws PlanException {
        if (Files.isRegularFile(given)) {
            return List.of(new Found(given, given.getFileName().toString()));
        }
        if (!Files.isDirectory(given)) {
            throw new PlanException(Files.exists(given) ? given + " is neither a file nor a folder" : "No such file or folder: " + given);
        }
        try (Stream<Path> walk = Files.walk(given)) {
            return walk
                .filter(path -> !hidden(given, path))
                .filter(Files::isRegularFile)
                .filter(path -> StoryFormat.ofFileName(path.getFileName().toString()).isPresent())
                .sorted(Comparator.comparing(path -> IdempotencyKeys.relativePath(given, path)))
                .map(path -> new Found(path, IdempotencyKeys.relativePath(given, path)))
                .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new PlanException("Could not list " + given + ": " + e.getMessage());
        }
    }

    private static boolean hidden(Path root, Path path) {
        for (Path part : root.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static StoryFormat formatOf(Found found, StoryFormat.Choice choice) throws PlanException {
        String name = found.path().getFileName().toString();
        boolean needsContent = choice == StoryFormat.Choice.AUTO && StoryFormat.ofFileName(name).orElse(null) == StoryFormat.JSON;
        byte[] content = needsContent ? read(found.path()) : new byte[0];
        return StoryFormat.detect(name, choice, content).orElseThrow(() -> new PlanException(
            "Cannot tell how to send " + found.path() + ": name it .json, .ndjson, .jsonl or .txt, or pass --format json|ninjs|page"));
    }

    private static byte[] read(Path file) throws PlanException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new PlanException("Could not read " + file + ": " + e.getMessage());
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
