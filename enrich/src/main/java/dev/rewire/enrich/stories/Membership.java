package dev.rewire.enrich.stories;

import dev.rewire.model.Relation;

/**
 * What the index remembers of one article (by article id): its story assignment, so that a re-fetch of
 * the same URL gets the same answer and adds no member, and by content hash, so exact copies find their
 * story with one read.
 */
record Membership(String articleId, String storyId, Relation relation, String duplicateOf, Double similarity,
                  long eventMillis) {

    private static final int VERSION = 1;

    byte[] encode() {
        return new Codec.Out().b(VERSION).str(articleId).str(storyId).b(relation.ordinal()).str(duplicateOf)
                .f(similarity == null ? -1f : similarity.floatValue()).l(eventMillis).done();
    }

    static Membership decode(byte[] data) {
        if (data == null) {
            return null;
        }
        Codec.In in = new Codec.In(data);
        in.b();
        String id = in.str();
        String story = in.str();
        Relation relation = Relation.values()[in.b()];
        String dup = in.str();
        float sim = in.f();
        return new Membership(id, story, relation, dup, sim < 0 ? null : Math.round(sim * 1e4) / 1e4, in.l());
    }
}
