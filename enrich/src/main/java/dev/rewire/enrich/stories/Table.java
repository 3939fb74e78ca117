package dev.rewire.enrich.stories;

import java.util.List;
import java.util.Map;

/**
 * The operations the story index needs from a key-value store. Exists so the index runs on Kafka
 * Streams state stores in the topology ({@link StoreTable}) and on a plain map in benchmarks and offline
 * evaluation ({@link MapTable}), with the same binary values either way.
 */
public interface Table {

    byte[] get(String key);

    void put(String key, byte[] value);

    /**
     * Writes several entries; stores that can write them in one batch (RocksDB's write batch, behind
     * Kafka Streams' {@code putAll}) override this.
     */
    default void putAll(List<Map.Entry<String, byte[]>> entries) {
        for (Map.Entry<String, byte[]> e : entries) {
            put(e.getKey(), e.getValue());
        }
    }

    void delete(String key);
}
