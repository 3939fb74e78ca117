package dev.rewire.enrich.stories;

import dev.rewire.model.Relation;
import java.nio.ByteBuffer;

/**
 * What the index remembers of one article (by article id): its story assignment, so that a re-fetch of
 * the same URL gets the same answer and adds no member; and, by content hash, the first article with a
 * text, so exact copies find their story with one read. The article's outlet is kept so that a copy of a
 * member the story no longer keeps among its {@link StoryState#KEPT_MEMBERS} still names the right original
 * outlet ({@code null} in entries written before version 2).
 */
record Membership(String articleId, String storyId, Relation relation, String duplicateOf, Double similarity,
                  long eventMillis, String outlet) {

    private static final byte VERSION = 2;

    byte[] encode() {
        byte[] a = Bytes.utf8(articleId);
        byte[] s = Bytes.utf8(storyId);
        byte[] d = Bytes.utf8(duplicateOf);
        byte[] o = Bytes.utf8(outlet);
        ByteBuffer b = ByteBuffer.allocate(1 + Bytes.size(a) + Bytes.size(s) + 1 + Bytes.size(d) + 8 + 8
                + Bytes.size(o));
        b.put(VERSION);
        Bytes.put(b, a);
        Bytes.put(b, s);
        b.put((byte) relation.ordinal());
        Bytes.put(b, d);
        b.putDouble(similarity == null ? -1 : similarity).putLong(eventMillis);
        Bytes.put(b, o);
        return b.array();
    }

    static Membership decode(byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        byte version = b.get();
        String id = Bytes.get(b);
        String story = Bytes.get(b);
        Relation relation = Relation.values()[b.get()];
        String dup = Bytes.get(b);
        double sim = b.getDouble();
        long eventMillis = b.getLong();
        String outlet = version >= 2 ? Bytes.get(b) : null;
        return new Membership(id, story, relation, dup, sim < 0 ? null : sim, eventMillis, outlet);
    }
}
