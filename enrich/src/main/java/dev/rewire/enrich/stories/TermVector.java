package dev.rewire.enrich.stories;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * A sparse vector over 64-bit term ids, sorted by id: the story index's representation of term, name
 * and number weights. Sorted primitive arrays make a dot product one merge pass and the stored form a
 * few kilobytes of raw numbers instead of hundreds of strings to decode for each candidate. Term ids are
 * 64-bit FNV-1a hashes of the term ({@link #id}); a collision is as likely as winning a lottery twice.
 * Immutable.
 */
final class TermVector {

    static final TermVector EMPTY = new TermVector(new long[0], new float[0]);

    final long[] ids;
    final float[] weights;
    final double norm;

    TermVector(long[] ids, float[] weights) {
        this.ids = ids;
        this.weights = weights;
        double n2 = 0;
        for (float w : weights) {
            n2 += (double) w * w;
        }
        this.norm = Math.sqrt(n2);
    }

    /** 64-bit FNV-1a of the term's characters. */
    static long id(String term) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < term.length(); i++) {
            h ^= term.charAt(i);
            h *= 0x100000001B3L;
        }
        return h;
    }

    static TermVector of(Map<String, Double> weights) {
        long[] ids = new long[weights.size()];
        int k = 0;
        for (String t : weights.keySet()) {
            ids[k++] = id(t);
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        float[] w = new float[sorted.length];
        k = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            w[Arrays.binarySearch(sorted, ids[k++])] = e.getValue().floatValue();
        }
        return new TermVector(sorted, w);
    }

    int size() {
        return ids.length;
    }

    double dot(TermVector o) {
        double d = 0;
        int i = 0;
        int j = 0;
        while (i < ids.length && j < o.ids.length) {
            long a = ids[i];
            long b = o.ids[j];
            if (a == b) {
                d += (double) weights[i++] * o.weights[j++];
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return d;
    }

    double cosine(TermVector o) {
        return norm == 0 || o.norm == 0 ? 0 : dot(o) / (norm * o.norm);
    }

    boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    /** this + scale × o, then only the {@code keep} largest weights when longer than keep + keep/4 (trimmed in batches). */
    TermVector plus(TermVector o, double scale, int keep) {
        long[] ri = new long[ids.length + o.ids.length];
        float[] rw = new float[ri.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ids.length || j < o.ids.length) {
            if (j >= o.ids.length || i < ids.length && ids[i] < o.ids[j]) {
                ri[n] = ids[i];
                rw[n++] = weights[i++];
            } else if (i >= ids.length || o.ids[j] < ids[i]) {
                ri[n] = o.ids[j];
                rw[n++] = (float) (o.weights[j++] * scale);
            } else {
                ri[n] = ids[i];
                rw[n++] = (float) (weights[i++] + o.weights[j++] * scale);
            }
        }
        TermVector sum = new TermVector(Arrays.copyOf(ri, n), Arrays.copyOf(rw, n));
        return n > keep + keep / 4 ? sum.top(keep) : sum;
    }

    /** The {@code keep} largest weights (ties by id), sorted by id again. */
    TermVector top(int keep) {
        if (ids.length <= keep) {
            return this;
        }
        Integer[] order = new Integer[ids.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> weights[x] != weights[y] ? Float.compare(weights[y], weights[x])
                : Long.compare(ids[x], ids[y]));
        long[] ki = new long[keep];
        for (int k = 0; k < keep; k++) {
            ki[k] = ids[order[k]];
        }
        Arrays.sort(ki);
        float[] kw = new float[keep];
        for (int k = 0; k < keep; k++) {
            kw[k] = weights[Arrays.binarySearch(ids, ki[k])];
        }
        return new TermVector(ki, kw);
    }

    int bytes() {
        return 4 + ids.length * 12;
    }

    void write(ByteBuffer b) {
        b.putInt(ids.length);
        for (int k = 0; k < ids.length; k++) {
            b.putLong(ids[k]);
            b.putFloat(weights[k]);
        }
    }

    static TermVector read(ByteBuffer b) {
        int n = b.getInt();
        long[] ids = new long[n];
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            ids[k] = b.getLong();
            w[k] = b.getFloat();
        }
        return new TermVector(ids, w);
    }
}
