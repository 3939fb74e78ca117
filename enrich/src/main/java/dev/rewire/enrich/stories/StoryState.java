package dev.rewire.enrich.stories;

import dev.rewire.model.Story;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One story as the index keeps it: the public {@link Story} fields plus what scoring compares a new
 * article with — a centroid of the members' IDF-weighted, length-normalised term vectors (the top
 * {@value #CENTROID_TERMS} kept), the same for names, how many members give each number, and a few members
 * themselves (the first and the latest, with their MinHash and top terms) for near copies and for the
 * closest-member choice. Mutable; one instance per processing step, never shared.
 */
final class StoryState {

    static final int CENTROID_TERMS = 200;
    static final int NAME_TERMS = 80;
    static final int MEMBER_TERMS = 40;
    /** Members kept with their fingerprints: the first plus the latest. */
    static final int KEPT_MEMBERS = 6;
    /**
     * Distinct outlets listed, the first ones to join: each new member checks and the story record carries
     * the list, so a story copied by thousands of outlets (a directory replay makes every file one) must
     * not grow it past what one record can hold (1,000 names of at most 1,000 characters is under 4 MB).
     */
    static final int MAX_OUTLETS = 1_000;
    private static final byte VERSION = 2;

    /** A member as kept for comparison. */
    record Member(String id, String outlet, long eventMillis, int[] minHash, TermVector terms) {
    }

    String storyId;
    String firstId;
    String firstOutlet;
    String title;
    long firstSeenAt;
    long lastSeenAt;
    int memberCount;
    List<String> outlets = new ArrayList<>();
    TermVector centroid = TermVector.EMPTY;
    TermVector names = TermVector.EMPTY;
    TermVector numbers = TermVector.EMPTY;
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
        if (outlet != null && outlets.size() < MAX_OUTLETS && !outlets.contains(outlet)) {
            outlets.add(outlet);
        }
        if (title == null || title.isBlank()) {
            title = memberTitle;
        }
        firstSeenAt = Math.min(firstSeenAt, eventMillis);
        lastSeenAt = Math.max(lastSeenAt, eventMillis);
        centroid = centroid.plus(v.terms, v.terms.norm == 0 ? 0 : 1 / v.terms.norm, CENTROID_TERMS);
        names = names.plus(v.names, v.names.norm == 0 ? 0 : 1 / v.names.norm, NAME_TERMS);
        numbers = numbers.plus(v.numbers, 1, NAME_TERMS);
        Member m = new Member(articleId, outlet, eventMillis, minHash, v.terms.top(MEMBER_TERMS));
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

    Story toStory() {
        return new Story(Story.SCHEMA_VERSION, storyId, title, Instant.ofEpochMilli(firstSeenAt), firstOutlet,
                memberCount, List.copyOf(outlets), Instant.ofEpochMilli(lastSeenAt));
    }

    byte[] encode() {
        List<byte[]> strings = new ArrayList<>();
        int size = 1 + 8 + 8 + 4 + 4 + centroid.bytes() + names.bytes() + numbers.bytes() + 4;
        for (String s : new String[] {storyId, firstId, firstOutlet, title}) {
            size += addString(strings, s);
        }
        for (String o : outlets) {
            size += addString(strings, o);
        }
        for (Member m : members) {
            size += addString(strings, m.id()) + addString(strings, m.outlet()) + 8 + 4 + 4 * m.minHash().length
                    + m.terms().bytes();
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION);
        int k = 0;
        for (int i = 0; i < 4; i++) {
            putString(b, strings.get(k++));
        }
        b.putLong(firstSeenAt).putLong(lastSeenAt).putInt(memberCount).putInt(outlets.size());
        for (int i = 0; i < outlets.size(); i++) {
            putString(b, strings.get(k++));
        }
        centroid.write(b);
        names.write(b);
        numbers.write(b);
        b.putInt(members.size());
        for (Member m : members) {
            putString(b, strings.get(k++));
            putString(b, strings.get(k++));
            b.putLong(m.eventMillis()).putInt(m.minHash().length);
            for (int v : m.minHash()) {
                b.putInt(v);
            }
            m.terms().write(b);
        }
        return b.array();
    }

    static StoryState decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown story state version " + version);
        }
        StoryState s = new StoryState();
        s.storyId = getString(b);
        s.firstId = getString(b);
        s.firstOutlet = getString(b);
        s.title = getString(b);
        s.firstSeenAt = b.getLong();
        s.lastSeenAt = b.getLong();
        s.memberCount = b.getInt();
        int outlets = b.getInt();
        for (int i = 0; i < outlets; i++) {
            s.outlets.add(getString(b));
        }
        s.centroid = TermVector.read(b);
        s.names = TermVector.read(b);
        s.numbers = TermVector.read(b);
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            String id = getString(b);
            String outlet = getString(b);
            long t = b.getLong();
            int[] mh = new int[b.getInt()];
            for (int j = 0; j < mh.length; j++) {
                mh[j] = b.getInt();
            }
            s.members.add(new Member(id, outlet, t, mh, TermVector.read(b)));
        }
        return s;
    }

    /**
     * The last-seen time of an encoded story, read without decoding the rest (the clean-up reads it for
     * every story of the index).
     */
    static long lastSeenAt(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown story state version " + version);
        }
        for (int i = 0; i < 4; i++) {  // story id, first id, first outlet, title
            int n = b.getInt();
            b.position(b.position() + Math.max(0, n));
        }
        b.getLong();  // first seen
        return b.getLong();
    }

    private static int addString(List<byte[]> strings, String s) {
        byte[] bytes = Bytes.utf8(s);
        strings.add(bytes);
        return Bytes.size(bytes);
    }

    private static void putString(ByteBuffer b, byte[] s) {
        Bytes.put(b, s);
    }

    private static String getString(ByteBuffer b) {
        return Bytes.get(b);
    }
}
