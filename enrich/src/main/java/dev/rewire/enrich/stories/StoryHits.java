package dev.rewire.enrich.stories;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The query-term weight each story shares with an article, summed over the posting lists retrieval reads,
 * keyed by the story id's bytes where they lie in the encoded lists (an open-addressing table on their
 * 64-bit FNV-1a hash): an article visits up to queryTerms × maxPostings entries (1,920 by default), and
 * only the few stories that become candidates ever need their id as a string. Not thread-safe; one per
 * article.
 */
final class StoryHits {

    private long[] hashes = new long[256];
    private double[] weights = new double[256];
    private byte[][] data = new byte[256][];
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private boolean[] used = new boolean[256];
    private String[] ids = new String[256];
    private int size;
    private double best;

    /** Adds {@code weight} to the story whose id is {@code length} bytes of {@code src} at {@code offset}. */
    void add(byte[] src, int offset, int length, double weight) {
        if (2 * (size + 1) > hashes.length) {
            grow();
        }
        long h = hash(src, offset, length);
        int mask = hashes.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (used[i]) {
            if (hashes[i] == h && lengths[i] == length
                    && Arrays.equals(data[i], offsets[i], offsets[i] + length, src, offset, offset + length)) {
                weights[i] += weight;
                best = Math.max(best, weights[i]);
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        hashes[i] = h;
        weights[i] = weight;
        data[i] = src;
        offsets[i] = offset;
        lengths[i] = length;
        size++;
        best = Math.max(best, weight);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The largest shared weight (0 when empty). */
    double best() {
        return best;
    }

    /**
     * The stories sharing at least {@code floor}, most shared weight first (ties by id), at most
     * {@code max}: the same order as sorting every story, with only the selected ids decoded.
     */
    List<String> atLeast(double floor, int max) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i] && weights[i] >= floor) {
                slots.add(i);
            }
        }
        slots.sort((a, b) -> weights[a] != weights[b] ? Double.compare(weights[b], weights[a]) : id(a).compareTo(id(b)));
        List<String> out = new ArrayList<>(Math.min(max, slots.size()));
        for (int k = 0; k < slots.size() && k < max; k++) {
            out.add(id(slots.get(k)));
        }
        return out;
    }

    private String id(int slot) {
        if (ids[slot] == null) {
            ids[slot] = new String(data[slot], offsets[slot], lengths[slot], StandardCharsets.UTF_8);
        }
        return ids[slot];
    }

    private void grow() {
        long[] h = hashes;
        double[] w = weights;
        byte[][] d = data;
        int[] o = offsets;
        int[] l = lengths;
        boolean[] u = used;
        String[] s = ids;
        int n = h.length * 2;
        hashes = new long[n];
        weights = new double[n];
        data = new byte[n][];
        offsets = new int[n];
        lengths = new int[n];
        used = new boolean[n];
        ids = new String[n];
        int mask = n - 1;
        for (int k = 0; k < h.length; k++) {
            if (u[k]) {
                int i = (int) (h[k] ^ (h[k] >>> 32)) & mask;
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                hashes[i] = h[k];
                weights[i] = w[k];
                data[i] = d[k];
                offsets[i] = o[k];
                lengths[i] = l[k];
                ids[i] = s[k];
            }
        }
    }

    /** 64-bit FNV-1a of the bytes. */
    private static long hash(byte[] b, int offset, int length) {
        long h = 0xCBF29CE484222325L;
        for (int k = offset; k < offset + length; k++) {
            h ^= b[k] & 0xff;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
