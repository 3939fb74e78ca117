package dev.rewire.enrich.stories;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
        List<Entry> list = new ArrayList<>();
        forEach(data, (bytes, off, len, t) -> list.add(new Entry(new String(bytes, off, len, StandardCharsets.UTF_8), t)));
        return new Postings(list);
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

    /** Receives one entry of an encoded list: the story id's UTF-8 bytes in place, and its event time. */
    interface EntryVisitor {
        void visit(byte[] data, int idOffset, int idLength, long eventMillis);
    }

    /**
     * Visits the entries of an encoded list (null: none) in place, oldest first, without decoding a
     * string: retrieval reads some 30 lists of up to 64 entries per article, and creating a string for
     * each entry was the largest cost of a full index.
     */
    static void forEach(byte[] data, EntryVisitor visitor) {
        if (data == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        b.get();
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
            int len = b.getInt();
            int off = b.position();
            long t = b.getLong(off + len);
            visitor.visit(data, off, len, t);
            b.position(off + len + 8);
        }
    }

    /**
     * The encoded list {@code data} (null: empty) with {@code storyId} added or refreshed: moved to the end
     * with the later of its two event times; then the oldest entries beyond {@code max} go. The other
     * entries' bytes are copied, not decoded.
     */
    static byte[] add(byte[] data, byte[] storyId, long eventMillis, int max) {
        if (data == null) {
            return ByteBuffer.allocate(1 + 4 + 4 + storyId.length + 8).put(VERSION).putInt(1)
                    .putInt(storyId.length).put(storyId).putLong(eventMillis).array();
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        in.get();
        int n = in.getInt();
        int[] offsets = new int[n];  // each entry's start (its length prefix)
        int[] ends = new int[n];
        int same = -1;
        for (int k = 0; k < n; k++) {
            int start = in.position();
            int len = in.getInt();
            int off = in.position();
            offsets[k] = start;
            ends[k] = off + len + 8;
            if (same < 0 && len == storyId.length && Arrays.equals(data, off, off + len, storyId, 0, len)) {
                same = k;
                eventMillis = Math.max(eventMillis, in.getLong(off + len));
            }
            in.position(off + len + 8);
        }
        int drop = Math.max(0, n - (same >= 0 ? 1 : 0) + 1 - max);  // the oldest beyond max go
        boolean[] keep = new boolean[n];
        int kept = 0;
        int size = 1 + 4 + 4 + storyId.length + 8;
        for (int k = 0; k < n; k++) {
            if (k == same) {
                continue;
            }
            if (drop > 0) {
                drop--;
                continue;
            }
            keep[k] = true;
            kept++;
            size += ends[k] - offsets[k];
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putInt(kept + 1);
        for (int k = 0; k < n; k++) {
            if (keep[k]) {
                out.put(data, offsets[k], ends[k] - offsets[k]);
            }
        }
        return out.putInt(storyId.length).put(storyId).putLong(eventMillis).array();
    }
}
