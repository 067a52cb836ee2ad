package io.newsflow.dev.chaos;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the editors of the chaos test push, in order: every story's first version, some stories' updates (each
 * with the next explicit version) and some kills ({@code "pubStatus": "canceled"} on the last content). Each
 * operation is one NDJSON line for {@code POST /articles:batch}. A story's operations keep their order, and later
 * ones come a few hundred to a few thousand operations after the earlier, as on a real wire.
 *
 * <p>The same seed gives the same plan, so a failing run can be replayed.
 */
final class StoryPlan {

    enum Kind { CREATE, UPDATE, KILL }

    /** One push: the story, what it does, the version it must become, and its NDJSON line. */
    record Op(int index, String storyId, Kind kind, int version, String line) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sentences naming people, places and organisations in the dictionary, so enrichment does real work. */
    private static final List<String> SENTENCES = List.of(
        "U.S. Defense Secretary Lloyd Austin arrived in Kyiv on Monday to meet Volodymyr Zelenskyy.",
        "NATO allies met in Brussels to discuss air defence for Ukraine.",
        "The Pentagon said it had not yet seen North Korean troops in Russia.",
        "Fighting continued in the Kursk region, the General Staff in Kyiv said.",
        "Kyrylo Budanov said the DPRK had sent shells and missiles to Russia.",
        "Jake Sullivan and William J. Burns briefed Joe Biden at the White House.",
        "The city council of Austin, Texas approved a new transit budget.",
        "South Korea summoned the Russian ambassador in Seoul.",
        "Hezbollah fired rockets from Lebanon, and Israel struck targets in Gaza.",
        "Officials in Warsaw and Berlin discussed grain exports through the Black Sea.",
        "The European Commission proposed new sanctions against Moscow.",
        "Farmers near Odesa reported a record harvest despite the war.");

    private final List<Op> ops;
    private final int stories;

    private StoryPlan(List<Op> ops, int stories) {
        this.ops = List.copyOf(ops);
        this.stories = stories;
    }

    /**
     * {@code stories} stories; {@code updateShare} of them get a version 2 and a third of those a version 3;
     * {@code killShare} of them are killed after their last update.
     */
    static StoryPlan generate(String run, int stories, double updateShare, double killShare, long seed) {
        Random random = new Random(seed);
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        record Timed(double at, String storyId, Kind kind, int version, Map<String, Object> story) {
        }
        List<Timed> timed = new ArrayList<>();
        for (int i = 0; i < stories; i++) {
            String id = String.format("chaos-%s-%05d", run, i);
            Map<String, Object> story = story(id, i, 1, base, random);
            double at = i;
            timed.add(new Timed(at, id, Kind.CREATE, 1, story));
            int version = 1;
            if (random.nextDouble() < updateShare) {
                int updates = random.nextInt(3) == 0 ? 2 : 1;
                for (int u = 0; u < updates; u++) {
                    version++;
                    at += 200 + random.nextInt(2_000);
                    story = story(id, i, version, base, random);
                    timed.add(new Timed(at, id, Kind.UPDATE, version, story));
                }
            }
            if (random.nextDouble() < killShare) {
                at += 200 + random.nextInt(2_000);
                Map<String, Object> kill = new LinkedHashMap<>(story);
                kill.remove("version");
                kill.remove("editorNote");
                kill.put("pubStatus", "canceled");
                timed.add(new Timed(at, id, Kind.KILL, version + 1, kill));
            }
        }
        timed.sort(Comparator.comparingDouble(Timed::at));
        List<Op> ops = new ArrayList<>(timed.size());
        for (Timed t : timed) {
            ops.add(new Op(ops.size(), t.storyId(), t.kind(), t.version(), line(t.story())));
        }
        return new StoryPlan(ops, stories);
    }

    private static Map<String, Object> story(String id, int number, int version, Instant base, Random random) {
        StringBuilder body = new StringBuilder();
        for (int s = 0; s < 4; s++) {
            body.append(SENTENCES.get(random.nextInt(SENTENCES.size()))).append(' ');
        }
        body.append("Report number ").append(number).append(", version ").append(version).append('.');
        Map<String, Object> story = new LinkedHashMap<>();
        story.put("id", id);
        if (version > 1) {
            story.put("version", version);
            story.put("editorNote", "Correction " + (version - 1));
        }
        story.put("source", "chaos-wire");
        story.put("language", "en");
        story.put("headline", "Chaos report " + number + (version > 1 ? " (v" + version + ")" : "") + ": "
            + SENTENCES.get(random.nextInt(SENTENCES.size())).replaceAll("\\.$", ""));
        story.put("body", body.toString());
        story.put("urgency", 1 + random.nextInt(9));
        story.put("publishedAt", base.plusSeconds(number).toString());
        return story;
    }

    private static String line(Map<String, Object> story) {
        try {
            return JSON.writeValueAsString(story);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Op> ops() {
        return ops;
    }

    int stories() {
        return stories;
    }

    long count(Kind kind) {
        return ops.stream().filter(op -> op.kind() == kind).count();
    }
}
