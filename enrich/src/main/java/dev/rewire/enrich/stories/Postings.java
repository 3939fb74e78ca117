package dev.rewire.enrich.stories;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One posting list of the inverted index: the stories that used a term, each with the event time of the
 * member that put it there, newest last. Bounded: beyond {@code max} entries the oldest go, so a common
 * term costs no more to read than a rare one and retrieval stays O(query terms × max).
 */
final class Postings {

    private static final byte VERSION = 1;

    record Entry(String storyId, long eventMillis) {
    }

    final List<Entry> entries;

    Postings(List<Entry> entries) {
        this.entries = entries;
    }

    static Postings decode(byte[] data) {
        if (data == null) {
            return new Postings(new ArrayList<>());
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        b.get();
        int n = b.getInt();
        List<Entry> list = new ArrayList<>(n + 1);
        for (int k = 0; k < n; k++) {
            list.add(new Entry(Bytes.get(b), b.getLong()));
        }
        return new Postings(list);
    }

    /** Adds or refreshes {@code storyId} (moved to the end), then drops the oldest beyond {@code max}. */
    void add(String storyId, long eventMillis, int max) {
        for (int k = 0; k < entries.size(); k++) {
            if (entries.get(k).storyId().equals(storyId)) {
                eventMillis = Math.max(eventMillis, entries.get(k).eventMillis());
                entries.remove(k);
                break;
            }
        }
        entries.add(new Entry(storyId, eventMillis));
        while (entries.size() > max) {
            entries.remove(0);
        }
    }

    /** Drops entries older than {@code cutoffMillis}; true when something was dropped. */
    boolean expire(long cutoffMillis) {
        return entries.removeIf(e -> e.eventMillis() < cutoffMillis);
    }

    byte[] encode() {
        List<byte[]> ids = new ArrayList<>(entries.size());
        int size = 1 + 4;
        for (Entry e : entries) {
            byte[] id = Bytes.utf8(e.storyId());
            ids.add(id);
            size += Bytes.size(id) + 8;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(VERSION).putInt(entries.size());
        for (int k = 0; k < ids.size(); k++) {
            Bytes.put(b, ids.get(k));
            b.putLong(entries.get(k).eventMillis());
        }
        return b.array();
    }
}
