package dev.rewire.enrich.stories;

import java.util.HashMap;
import java.util.Map;

/** A {@link Table} on a {@link HashMap}: for benchmarks and offline evaluation. Not thread-safe. */
public final class MapTable implements Table {

    private final Map<String, byte[]> map = new HashMap<>();

    @Override
    public byte[] get(String key) {
        return map.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        map.put(key, value);
    }

    @Override
    public void delete(String key) {
        map.remove(key);
    }

    public int size() {
        return map.size();
    }

    /** Bytes of keys (UTF-16 length × 2 is not what a store holds; UTF-8-ish: one byte a char) and values. */
    public long bytes() {
        long n = 0;
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            n += e.getKey().length() + e.getValue().length;
        }
        return n;
    }
}
