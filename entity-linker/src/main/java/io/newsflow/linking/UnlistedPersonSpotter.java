package io.newsflow.linking;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
  * Links people the dictionary does not know yet: a sheriff, a councillor, a musician. Wire copy names them the way
  * it names everyone, as a given name followed by a capitalised surname, or after a title ("Sheriff Jud Smith"),
  * and refers back to them by surname. Such a person gets a provisional identity whose canonical title is the name
  * as written and whose id is {@code person:unlisted:<slug>}, so the feed can still index and filter by them; an
  * editor who adds the person to the dictionary replaces the provisional identity on the next story.
  *
  * <p>The rules are deliberately narrow, because a wrong person is worse than a missing one:
  *
  * <ul>
  *   <li>only English (Latin-script) copy; a Cyrillic name's English Wikipedia title cannot be read off the text;
  *   <li>the name starts at a known given name, or right after a person title; a given name that is also an
  *       ordinary word ("Will", "May") does not count at the start of a sentence;
  *   <li>2 to 5 capitalised words with no punctuation between them, none of them linked already, none of them a
  *       word that makes the phrase a place or an institution ("Harry Truman Library", "Jennifer Street");
  *   <li>a later bare surname (or the last two words of a longer name) links to the person only when it stands
  *       alone, not inside a longer capitalised phrase.
  * </ul>
  */
final class UnlistedPersonSpotter {

    static final String ID_PREFIX = "person:unlisted:";
    static final double CONFIDENCE = 0.5;

    private static final String GENERATED_NAMES = "/newsflow/dictionary/generated/given-names.tsv";
    private static final String WORLD_NAMES = "/newsflow/dictionary/given-names-world.txt";
    private static final int MIN_WORDS = 2;
    private static final int MAX_WORDS = 5;

    /** Capitalised words that introduce a person and are not part of the name. */
    private static final Set<String> TITLES = Set.of("President", "Vice", "Secretary", "Minister", "General", "Gen",
            "Senator", "Sen", "Rep", "Representative", "Mr", "Mrs", "Ms", "Dr", "Chief", "Director", "Commander",
            "Governor", "Gov", "Mayor", "King", "Queen", "Prince", "Princess", "Chancellor", "Speaker", "Ambassador",
            "Colonel", "Col", "Lt", "Lieutenant", "Admiral", "Adm", "Judge", "Justice", "Sheikh", "Emir", "Sgt",
            "Sergeant", "Prof", "Professor", "Capt", "Captain", "Sheriff", "Attorney", "Councilmember", "Councillor",
            "Councilor", "Commissioner", "Pastor", "Reverend", "Rev", "Father", "Bishop", "Coach", "Officer",
            "Detective", "Deputy", "Pope", "Patriarch", "Archbishop", "Chairman", "Chairwoman", "Chair", "Leader",
            "Prosecutor", "Spokesman", "Spokeswoman", "Spokesperson", "Lord", "Lady", "Sir", "Dame", "Premier",
            "Justices", "Judges", "Senators", "Generals", "Ministers", "Presidents", "Governors", "Mayors");
    /** Words that make a capitalised phrase a place, an institution or an event rather than a person. */
    private static final Set<String> NON_PERSON_HEADS = Set.of("County", "City", "Street", "St", "Road", "Avenue",
            "Boulevard", "Lake", "River", "Bay", "Island", "Islands", "Mountain", "Mount", "Valley", "Park", "Square",
            "Bridge", "University", "College", "School", "Academy", "Institute", "Church", "Cathedral", "Mosque",
            "Hospital", "Center", "Centre", "Foundation", "Fund", "Trust", "Party", "Airport", "Station", "Hall",
            "Library", "Museum", "Theatre", "Theater", "Stadium", "Arena", "Memorial", "Group", "Inc", "Corp",
            "Company", "Co", "Ltd", "LLC", "Bank", "Award", "Awards", "Prize", "Cup", "Festival", "Fair", "Act",
            "Law", "Doctrine", "Plan", "Report", "Building", "Tower", "House", "Palace", "Port", "Harbor", "Harbour",
            "Highway", "Route", "Expo", "Show", "Club", "Team", "Band", "Records", "Studios", "Times", "Post",
            "News", "Journal", "Agency", "Committee", "Council", "Court", "Department", "Ministry", "Office",
            "Administration", "Forces", "Force", "Army", "Navy", "Brigade", "Battalion", "Regiment", "Division",
            "Corps", "Command", "Base", "Camp", "Prison", "Jail", "Village", "Town", "Township", "District",
            "Province", "Region", "Oblast", "State", "Republic", "Kingdom", "Day", "Week", "Games", "Olympics",
            "Street's", "Hotel", "Restaurant", "Market", "Mall", "Plaza", "Senior", "Junior", "High", "Elementary",
            "Middle", "Foods", "Meats", "Motors", "Airlines", "Energy", "Water", "Power", "Systems", "Technologies",
            "Fire", "Storm", "Hurricane", "Flood", "War", "Operation", "Election", "Summit", "Ministries", "Services",
            "Union", "Association", "Federation", "Society", "Network", "Media", "Press", "Radio", "TV", "Channel");
    /** Given names that wire copy far more often uses as other words: "North Korean", "Gray Fire". */
    private static final Set<String> NAMES_RARELY_MEANT = Set.of("North", "South", "East", "West", "Gray", "Grey",
            "Christian", "Major", "Young", "Rich", "Royal", "Worth", "Star", "Sunny", "Summer", "Winter", "Gay",
            "Independence", "Liberty", "Justice", "Hope", "Faith", "Unity", "Pleasant", "Golden", "Fortune");
    private static final Set<String> PARTICLES =
            Set.of("bin", "ibn", "bint", "al", "el", "de", "da", "van", "von", "der", "del", "la", "le", "du", "dos");
    private static final String[] PARTICLE_LIST = PARTICLES.toArray(String[]::new);
    private static final Set<String> CALENDAR_WORDS = Set.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December");

    private final Set<String> givenNames;
    private final Set<String> ordinaryWordNames;

    private UnlistedPersonSpotter(Set<String> givenNames, Set<String> ordinaryWordNames) {
        this.givenNames = Set.copyOf(givenNames);
        this.ordinaryWordNames = Set.copyOf(ordinaryWordNames);
    }

    /** The spotter with the bundled given-name lists. */
    static UnlistedPersonSpotter loadDefault() {
        Set<String> names = new HashSet<>();
        Set<String> ordinary = new HashSet<>();
        for (String line : ResourceLines.read(GENERATED_NAMES)) {
            String[] parts = line.split("\t");
            names.add(parts[0]);
            if (parts.length > 1 && parts[1].equals("common")) {
                ordinary.add(parts[0]);
            }
        }
        for (String line : ResourceLines.read(WORLD_NAMES)) {
            names.add(line);
        }
        return new UnlistedPersonSpotter(names, ordinary);
    }

    /**
      * People named in the story that {@code linked} does not cover, with their later surname mentions, in field
      * order and then text order. {@code linked} is left as it is.
      */
    List<Mention> spot(StoryText story, List<Mention> linked) {
        if (!isLatinScriptLanguage(story.language())) {
            return List.of();
        }
        Map<TextField, List<Run>> runsByField = new LinkedHashMap<>();
        for (TextField field : TextField.values()) {
            runsByField.put(field, capitalisedRuns(story.text(field), linkedSpans(linked, field)));
        }
        List<Mention> found = new ArrayList<>();
        // surname (or last two words) -> full name, from every full mention in the story, headline included
        Map<String, Mention> bySurname = new LinkedHashMap<>();
        for (TextField field : TextField.values()) {
            for (Run run : runsByField.get(field)) {
                Mention person = fullName(field, story.text(field), run);
                if (person != null) {
                    found.add(person);
                    List<Word> name = run.words.subList(run.words.size() - wordCount(person.surface()), run.words.size());
                    bySurname.putIfAbsent(name.get(name.size() - 1).text, person);
                    if (name.size() >= 3) {
                        bySurname.putIfAbsent(name.get(name.size() - 2).text + " " + name.get(name.size() - 1).text,
                                person);
                    }
                }
            }
        }
        if (!bySurname.isEmpty()) {
            for (TextField field : TextField.values()) {
                for (Run run : runsByField.get(field)) {
                    if (run.words.size() > 2) {
                        continue; // a key is a surname or the last two words of a name, never more
                    }
                    Mention full = bySurname.get(run.joined());
                    if (full != null && !full.surface().equals(run.joined())) {
                        found.add(laterMention(field, run, full));
                    }
                }
            }
        }
        found.sort(Comparator.comparing(Mention::field).thenComparingInt(Mention::start));
        return found;
    }

    private boolean isGivenName(Word w) {
        return givenNames.contains(w.text) && !NAMES_RARELY_MEANT.contains(w.text)
                && !(ordinaryWordNames.contains(w.text) && w.sentenceInitial);
    }

    private static boolean isLatinScriptLanguage(String language) {
        return !"uk".equals(language) && !"ru".equals(language) && !"be".equals(language);
    }

    private static int wordCount(String s) {
        return s.split(" ").length;
    }

    /** A full person name inside the run, or null. */
    private Mention fullName(TextField field, String text, Run run) {
        List<Word> words = run.words;
        if (words.size() < MIN_WORDS) {
            return null; // whatever a title or given name would pick out, fewer than MIN_WORDS words remain
        }
        int start = 0;
        String title = null;
        for (int i = 0; i < words.size(); i++) {
            if (TITLES.contains(words.get(i).text)) {
                start = i + 1;
                title = words.get(i).text;
            }
        }
        if (title == null) {
            start = -1;
            for (int i = 0; i < words.size(); i++) {
                Word w = words.get(i);
                if (isGivenName(w)) {
                    start = i;
                    break;
                }
                if (!CALENDAR_WORDS.contains(w.text) && !w.sentenceInitial) {
                    // A capitalised word that is neither a title nor a given name ("Fulton County ...") means the
                    // run is some other name; a person inside it would need a title to say so.
                    return null;
                }
            }
            if (start < 0) {
                return null;
            }
        }
        List<Word> name = words.subList(start, words.size());
        if (name.size() < MIN_WORDS || name.size() > MAX_WORDS) {
            return null;
        }
        for (int i = 0; i < name.size(); i++) {
            String w = name.get(i).text;
            // "April Berg" is a person, "April Fools" is not: a month or weekday may only be the given name itself.
            boolean calendarWordAsGivenName = i == 0 && isGivenName(name.get(0));
            if (NON_PERSON_HEADS.contains(w) || CALENDAR_WORDS.contains(w) && !calendarWordAsGivenName) {
                return null;
            }
        }
        if (title != null && !givenNames.contains(name.get(0).text) && name.get(0).sentenceInitial) {
            return null;
        }
        int from = name.get(0).start;
        int to = name.get(name.size() - 1).end;
        String surface = text.substring(from, to);
        String evidence = title != null
                ? "not in the dictionary: capitalised name after the title '" + title + "'"
                : "not in the dictionary: given name '" + name.get(0).text + "' and a capitalised surname";
        return new Mention(field, surface, from, to, surface, ID_PREFIX + slug(surface), EntityType.PERSON,
                CONFIDENCE, new Evidence(surface, List.of(evidence), 1.0));
    }

    private static Mention laterMention(TextField field, Run run, Mention full) {
        int from = run.words.get(0).start;
        int to = run.words.get(run.words.size() - 1).end;
        String cue = "surname of '" + full.surface() + "', named in full in this story";
        return new Mention(field, run.joined(), from, to, full.canonical(), full.entityId(), EntityType.PERSON,
                CONFIDENCE, new Evidence(run.joined(), List.of(cue), 1.0));
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASH = Pattern.compile("(^-|-$)");

    static String slug(String name) {
        // String.replaceAll with the same patterns, compiled once
        String ascii = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        return EDGE_DASH.matcher(NON_ALNUM.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
    }

    private static boolean[] linkedSpans(List<Mention> linked, TextField field) {
        int max = 0;
        for (Mention m : linked) {
            if (m.field() == field) {
                max = Math.max(max, m.end());
            }
        }
        boolean[] covered = new boolean[max];
        for (Mention m : linked) {
            if (m.field() == field) {
                for (int i = m.start(); i < m.end(); i++) {
                    covered[i] = true;
                }
            }
        }
        return covered;
    }

    /** One word of a run, with its offsets in the field text. */
    private record Word(String text, int start, int end, boolean sentenceInitial) {}

    /** Capitalised words separated only by single spaces (and lowercase name particles). */
    private record Run(List<Word> words) {
        String joined() {
            StringBuilder sb = new StringBuilder();
            for (Word w : words) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(w.text);
            }
            return sb.toString();
        }
    }

    /**
      * Splits a field into runs of capitalised words. A run ends at any punctuation, line break or lowercase word
      * (name particles such as "bin" or "van" excepted when a capitalised word follows), and at any word that is
      * already part of a linked mention, so a run never overlaps a dictionary link.
      */
    private static List<Run> capitalisedRuns(String field, boolean[] covered) {
        // Read from an array: this loop visits every char of the story, and String.charAt checks the coder each time.
        char[] text = field.toCharArray();
        List<Run> runs = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        List<Word> pendingParticles = new ArrayList<>();
        int i = 0;
        int n = text.length;
        boolean sentenceStart = true;
        int lastEnd = -1;
        while (i < n) {
            char c = text[i];
            if (!isLetter(c)) {
                if (c != ' ' || (i > 0 && text[i - 1] == ' ')) {
                    closeRun(runs, current, pendingParticles);
                }
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"' || c == '“') {
                    sentenceStart = true;
                }
                i++;
                continue;
            }
            int start = i;
            if (current.isEmpty() && Character.isLowerCase(c) && !startsWith(text, i, "al-") && !startsWith(text, i, "el-")) {
                // Most words: lower case with no run open, so they can neither start nor continue a name.
                while (i < n && isNameChar(text, i)) {
                    i++;
                }
                sentenceStart = false;
                continue;
            }
            while (i < n && isNameChar(text, i)) {
                i++;
            }
            int end = i;
            // "Willis's" and "Willis’" name Willis.
            if (end - start > 2 && (startsWith(text, end - 2, "'s") || startsWith(text, end - 2, "’s"))) {
                end -= 2;
            }
            while (end > start && !isLetterOrDigit(text[end - 1])) {
                end--;
            }
            // Only capitalised words and name particles become Strings; every other word is judged in place.
            boolean capitalised = isCapitalisedWord(text, start, end);
            boolean wasSentenceStart = sentenceStart;
            sentenceStart = false;
            // Coverage matters only to words that could join a run, so most words skip the check.
            boolean mayJoin = capitalised || !current.isEmpty() && isParticle(text, start, end);
            if (!mayJoin || end == start || overlaps(covered, start, end)) {
                closeRun(runs, current, pendingParticles);
            } else if (capitalised) {
                if (!current.isEmpty() && start - lastEnd > 1 && pendingParticles.isEmpty()) {
                    closeRun(runs, current, pendingParticles);
                }
                current.addAll(pendingParticles);
                pendingParticles.clear();
                current.add(new Word(new String(text, start, end - start), start, end, wasSentenceStart));
            } else {
                pendingParticles.add(new Word(new String(text, start, end - start), start, end, false));
            }
            lastEnd = end;
            if (end < i) {
                // a possessive or trailing apostrophe ends the name
                closeRun(runs, current, pendingParticles);
            }
        }
        closeRun(runs, current, pendingParticles);
        return runs;
    }

    private static boolean isNameChar(char[] text, int i) {
        char c = text[i];
        if (isLetterOrDigit(c)) {
            return true;
        }
        // Inner hyphens and apostrophes belong to the word: "Jong-un", "O'Brien"; a trailing one does not.
        return (c == '-' || c == '\'' || c == '’') && i + 1 < text.length && isLetter(text[i + 1]);
    }

    /** Bit 1: {@link Character#isLetter}; bit 2: {@link Character#isLetterOrDigit}; for the ASCII chars. */
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_CLASS[c] = (byte) ((Character.isLetter(c) ? 1 : 0) | (Character.isLetterOrDigit(c) ? 2 : 0));
        }
    }

    /** {@link Character#isLetter}, from a table for ASCII. */
    private static boolean isLetter(char c) {
        return c < 128 ? (ASCII_CLASS[c] & 1) != 0 : Character.isLetter(c);
    }

    /** {@link Character#isLetterOrDigit}, from a table for ASCII. */
    private static boolean isLetterOrDigit(char c) {
        return c < 128 ? (ASCII_CLASS[c] & 2) != 0 : Character.isLetterOrDigit(c);
    }

    /**
      * "McCloud", "O'Brien", "al-Sultan" are capitalised; "NATO", "US" and "iPhone" are not names of people. Judges
      * {@code text[start, end)} in place.
      */
    private static boolean isCapitalisedWord(char[] text, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        int from = startsWith(text, start, "al-") || startsWith(text, start, "el-") ? start + 3 : start;
        if (from >= end || !Character.isUpperCase(text[from])) {
            return false;
        }
        for (int k = from + 1; k < end; k++) {
            if (Character.isLowerCase(text[k])) {
                return true;
            }
        }
        return false;
    }

    /** {@code text[start, end)} is one of {@link #PARTICLES}, compared in place. */
    private static boolean isParticle(char[] text, int start, int end) {
        int length = end - start;
        if (length < 2 || length > 4) {
            return false;
        }
        for (String particle : PARTICLE_LIST) {
            if (particle.length() == length && startsWith(text, start, particle)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} holds {@code prefix} from {@code at}, as {@link String#startsWith(String, int)} would say. */
    private static boolean startsWith(char[] text, int at, String prefix) {
        if (at < 0 || at + prefix.length() > text.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlaps(boolean[] covered, int start, int end) {
        for (int k = start; k < end && k < covered.length; k++) {
            if (covered[k]) {
                return true;
            }
        }
        return false;
    }

    private static void closeRun(List<Run> runs, List<Word> current, List<Word> pendingParticles) {
        if (!current.isEmpty()) {
            runs.add(new Run(List.copyOf(current)));
            current.clear();
        }
        pendingParticles.clear();
    }
}
