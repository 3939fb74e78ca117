package dev.rewire.enrich.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
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
    public void putAll(List<Map.Entry<String, byte[]>> entries) {
        List<KeyValue<String, byte[]>> batch = new ArrayList<>(entries.size());
        for (Map.Entry<String, byte[]> e : entries) {
            batch.add(KeyValue.pair(e.getKey(), e.getValue()));
        }
        store.putAll(batch);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }
}
