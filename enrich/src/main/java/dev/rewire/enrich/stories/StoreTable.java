package dev.rewire.enrich.stories;

import org.apache.kafka.streams.state.KeyValueStore;

/** A {@link Table} on a Kafka Streams key-value store (changelogged, so the index survives restarts). */
public final class StoreTable implements Table {

    private final KeyValueStore<String, byte[]> store;

    public StoreTable(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public byte[] get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public void putAll(java.util.List<java.util.Map.Entry<String, byte[]>> entries) {
        java.util.List<org.apache.kafka.streams.KeyValue<String, byte[]>> batch = new java.util.ArrayList<>(entries.size());
        for (java.util.Map.Entry<String, byte[]> e : entries) {
            batch.add(org.apache.kafka.streams.KeyValue.pair(e.getKey(), e.getValue()));
        }
        store.putAll(batch);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }
}
