package io.newsflow.cli.push;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** How a push shows progress on stderr: a bar redrawn in place on a terminal, a line per file otherwise. */
public final class ProgressListeners {

    private ProgressListeners() {
    }

    public static Pusher.Listener none() {
        return new Pusher.Listener() {
        };
    }

    /** {@code [#####.....] 42/100 stories, 2 failed, 35/s}, redrawn with {@code \r} at most every 100 ms. */
    public static Pusher.Listener bar(PrintWriter err) {
        return new Bar(err);
    }

    /** {@code stories/a.json: accepted as <id> v1} as each file finishes. */
    public static Pusher.Listener perFile(PrintWriter err) {
        return new Pusher.Listener() {
            @Override
            public synchronized void fileDone(PlannedFile file, List<StoryResult> results) {
                err.println(PushText.fileLine(file, results));
                err.flush();
            }
        };
    }

    private static final class Bar implements Pusher.Listener {
        private static final long REDRAW_NANOS = 100_000_000L;
        private final PrintWriter err;
        private int total;
        private int done;
        private int failed;
        private long start;
        private long lastDrawn;
        private int lastWidth;

        Bar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void started(PushPlan plan) {
            total = plan.stories();
            start = System.nanoTime();
            draw();
        }

        @Override
        public synchronized void progressed(List<StoryResult> results, int stories) {
            done += stories;
            failed += (int) results.stream().filter(result -> !result.isAccepted()).count()
                + Math.max(0, stories - results.size());
            if (System.nanoTime() - lastDrawn >= REDRAW_NANOS) {
                draw();
            }
        }

        @Override
        public synchronized void finished() {
            draw();
            err.println();
            err.flush();
        }

        private void draw() {
            lastDrawn = System.nanoTime();
            String line = PushText.progressBar(done, total, failed, PushText.rate(done, Duration.ofNanos(lastDrawn - start)));
            // Pad over whatever the previous, possibly longer, line left behind.
            String padding = " ".repeat(Math.max(0, lastWidth - line.length()));
            lastWidth = line.length();
            err.print("\r" + line + padding);
            err.flush();
        }
    }
}
