package dev.rewire.enrich.stories;

/**
 * The three operations the story index needs from a key-value store. Exists so the index runs on Kafka
 * Streams state stores in the topology ({@link StoreTable}) and on a plain map in benchmarks and offline
 * evaluation ({@link MapTable}), with the same binary values either way.
 */
public interface Table {

    byte[] get(String key);

    void put(String key, byte[] value);

    void delete(String key);
}
