package dev.rewire.enrich.stories;

import dev.rewire.model.Story;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One story as the index keeps it: the public {@link Story} fields plus what scoring compares a new
 * article with — a centroid of the members' term counts (log-scaled, summed, the top
 * {@value #CENTROID_TERMS} kept), how many members name each name and number, and a few members
 * themselves (the first and the latest, with their MinHash and top terms) for near copies and for the
 * closest-member choice. IDF is applied at scoring time, so the centroid follows the stream's vocabulary.
 * Mutable; one instance per processing step, never shared.
 */
final class StoryState {

    static final int CENTROID_TERMS = 200;
    static final int NAME_TERMS = 80;
    static final int MEMBER_TERMS = 40;
    /** Members kept with their fingerprints: the first plus the latest. */
    static final int KEPT_MEMBERS = 6;
    private static final int VERSION = 1;

    /** A member as kept for comparison. */
    record Member(String id, String outlet, long eventMillis, int[] minHash, Map<String, Float> terms) {
    }

    String storyId;
    String firstId;
    String firstOutlet;
    String title;
    long firstSeenAt;
    long lastSeenAt;
    int memberCount;
    List<String> outlets = new ArrayList<>();
    Map<String, Float> centroid = new HashMap<>();
    Map<String, Float> names = new HashMap<>();
    Map<String, Float> numbers = new HashMap<>();
    List<Member> members = new ArrayList<>();

    static StoryState start(String articleId, String outlet, String title, long eventMillis) {
        StoryState s = new StoryState();
        s.storyId = articleId;
        s.firstId = articleId;
        s.firstOutlet = outlet;
        s.title = title;
        s.firstSeenAt = eventMillis;
        s.lastSeenAt = eventMillis;
        return s;
    }

    /**
     * Adds a member: its IDF-weighted, length-normalised term vector to the centroid (IDF as of now, so the
     * centroid needs no document-frequency look-ups when scored), its names and numbers; it becomes a kept
     * member.
     */
    void add(String articleId, String outlet, String memberTitle, long eventMillis, int[] minHash, ArticleVector v) {
        memberCount++;
        if (outlet != null && !outlets.contains(outlet)) {
            outlets.add(outlet);
        }
        if (title == null || title.isBlank()) {
            title = memberTitle;
        }
        firstSeenAt = Math.min(firstSeenAt, eventMillis);
        lastSeenAt = Math.max(lastSeenAt, eventMillis);
        double tn = v.termNorm == 0 ? 1 : v.termNorm;
        v.terms.forEach((t, w) -> centroid.merge(t, (float) (w / tn), Float::sum));
        centroid = top(centroid, CENTROID_TERMS);
        double nn = v.nameNorm == 0 ? 1 : v.nameNorm;
        v.names.forEach((n, w) -> names.merge(n, (float) (w / nn), Float::sum));
        names = top(names, NAME_TERMS);
        v.numbers.forEach(n -> numbers.merge(n, 1f, Float::sum));
        numbers = top(numbers, NAME_TERMS);
        Map<String, Float> memberTerms = new LinkedHashMap<>();
        v.terms.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MEMBER_TERMS)
                .forEach(e -> memberTerms.put(e.getKey(), e.getValue().floatValue()));
        Member m = new Member(articleId, outlet, eventMillis, minHash, memberTerms);
        if (members.size() >= KEPT_MEMBERS) {
            members.remove(1);  // keep the first member, drop the oldest of the rest
        }
        members.add(m);
    }

    Member member(String id) {
        for (Member m : members) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }

    private static Map<String, Float> top(Map<String, Float> map, int n) {
        if (map.size() <= n + n / 4) {
            return map;  // trim in batches: sorting on every add would dominate the cost
        }
        Map<String, Float> out = new HashMap<>();
        map.entrySet().stream().sorted(Map.Entry.<String, Float>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    Story toStory() {
        return new Story(Story.SCHEMA_VERSION, storyId, title, Instant.ofEpochMilli(firstSeenAt), firstOutlet,
                memberCount, List.copyOf(outlets), Instant.ofEpochMilli(lastSeenAt));
    }

    byte[] encode() {
        Codec.Out o = new Codec.Out().b(VERSION).str(storyId).str(firstId).str(firstOutlet).str(title)
                .l(firstSeenAt).l(lastSeenAt).i(memberCount).strs(outlets)
                .weights(centroid).weights(names).weights(numbers).i(members.size());
        for (Member m : members) {
            o.str(m.id()).str(m.outlet()).l(m.eventMillis()).ints(m.minHash()).weights(m.terms());
        }
        return o.done();
    }

    static StoryState decode(byte[] data) {
        Codec.In in = new Codec.In(data);
        int version = in.b();
        if (version != VERSION) {
            throw new IllegalStateException("unknown story state version " + version);
        }
        StoryState s = new StoryState();
        s.storyId = in.str();
        s.firstId = in.str();
        s.firstOutlet = in.str();
        s.title = in.str();
        s.firstSeenAt = in.l();
        s.lastSeenAt = in.l();
        s.memberCount = in.i();
        s.outlets = new ArrayList<>(in.strs());
        s.centroid = new HashMap<>(in.weights());
        s.names = new HashMap<>(in.weights());
        s.numbers = new HashMap<>(in.weights());
        int n = in.i();
        for (int k = 0; k < n; k++) {
            s.members.add(new Member(in.str(), in.str(), in.l(), in.ints(), in.weights()));
        }
        return s;
    }
}
