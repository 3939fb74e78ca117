package dev.rewire.enrich.stories;

import dev.rewire.model.CleanArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-article cost of the single-partition story stage ({@link StoryAssigner#assign}: document
 * frequencies, exact look-up, inverted-index retrieval, scoring, index update, binary encoding of every
 * value) with 10^3, 10^5 and 10^6 articles already in the index, on one thread, and the index's bytes per
 * article. The index is filled through {@code StoryAssigner.load} (the same index updates without
 * retrieval and scoring, so 10^6 articles load in minutes); the measured articles go through
 * {@code assign}. Synthetic articles: a Zipf-distributed vocabulary of 200,000 terms plus, per story, 25
 * story-specific terms and 8 names of which each member uses most, {@link Fingerprinter#MAX_TERMS} terms
 * per article (a long article's fingerprint); stories of 1–6 members; event times
 * spread over the 7-day horizon. Fingerprinting is not included (it runs before the repartition, scaled out).
 *
 * <p>By default the five tables are in-memory maps (the algorithm's own cost). With {@code --rocksdb DIR}
 * they are Kafka Streams persistent key-value stores built as the topology builds them
 * ({@code Stores.persistentKeyValueStore}: RocksDB with Kafka Streams' default options, metered), held by
 * a one-processor topology in a {@code TopologyTestDriver}, so every access runs inside a real Streams
 * task: the cost per article on real stores, and the index's bytes on disk per article (SST and log files
 * after a flush). {@code --changelog} adds the change-logging layer the topology has (each write also
 * becomes a changelog record, here handed to the driver's producer instead of a broker). The index is
 * filled 1,000 articles per driver record; each measured article is one record, and the driver commits
 * after each.
 *
 * <pre>
 * mvn -B -o -q -pl enrich test-compile
 * mvn -B -o -q -pl enrich dependency:build-classpath -Dmdep.outputFile=/tmp/enrich-cp.txt
 * java -Xmx10g -cp "enrich/target/test-classes:enrich/target/classes:$(cat /tmp/enrich-cp.txt)" \
 *     dev.rewire.enrich.stories.StoryBenchmark [--candidate-share S] [--candidate-min-share S] \
 *     [--rocksdb DIR [--changelog]] [sizes…]
 * </pre>
 */
public final class StoryBenchmark {

    private static final int VOCABULARY = 200_000;
    private static final int MEASURED = 5_000;
    private static final long HORIZON_MILLIS = 7 * 86_400_000L;

    private final SplittableRandom random = new SplittableRandom(42);
    private final double[] zipf = new double[VOCABULARY];
    private final List<String[]> storyTerms = new ArrayList<>();
    private final Map<String[], String> storyIds = new java.util.IdentityHashMap<>();
    private int storyCursor;

    private StoryBenchmark() {
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            zipf[i] /= sum;
        }
    }

    private static StoryParams params = StoryParams.defaults();
    /** Where RocksDB stores go ({@code --rocksdb}); null: in-memory maps. */
    private static java.nio.file.Path rocksRoot;
    /** {@code --changelog}: the RocksDB stores write their changelog, as in the topology. */
    private static boolean changelog;

    public static void main(String[] args) {
        List<Long> given = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--candidate-share")) {
                params = params.withCandidateShare(Double.parseDouble(args[++i]));
            } else if (args[i].equals("--candidate-min-share")) {
                params = params.withCandidateMinShare(Double.parseDouble(args[++i]));
            } else if (args[i].equals("--changelog")) {
                changelog = true;
            } else if (args[i].equals("--rocksdb")) {
                rocksRoot = java.nio.file.Path.of(args[++i]);
            } else {
                given.add(Long.parseLong(args[i]));
            }
        }
        long[] sizes = given.isEmpty() ? new long[] {1_000, 100_000, 1_000_000}
                : given.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("stories.candidateShare=%s, stories.candidateMinShare=%s, stories.maxCandidates=%d, tables: %s%n",
                params.candidateShare(), params.candidateMinShare(), params.maxCandidates(),
                rocksRoot == null ? "in-memory maps" : "RocksDB under " + rocksRoot
                        + (changelog ? ", changelog" : ""));
        if (!Boolean.getBoolean("skipWarmUp")) {
            new StoryBenchmark().run(20_000, false);  // warm-up: JIT
        }
        System.out.printf("%-10s %12s %12s %14s %12s %10s %14s %10s %10s%n", "index", "wall µs", "cpu µs", "articles/s (cpu)",
                "candidates", "stories", "bytes/article", "reads", "writes");
        for (long n : sizes) {
            new StoryBenchmark().run(n, true);
        }
    }

    private void run(long n, boolean print) {
        try (Tables tables = rocksRoot == null || !print ? Tables.inMemory() : Tables.rocksDb(rocksRoot.resolve("index-" + n), changelog)) {
            run(n, print, tables);
        }
    }

    private void run(long n, boolean print, Tables tables) {
        Counted df = new Counted(tables.table("df"));
        Counted postings = new Counted(tables.table("postings"));
        Counted states = new Counted(tables.table("states"));
        Counted articles = new Counted(tables.table("articles"));
        Counted hashes = new Counted(tables.table("hashes"));
        StoryAssigner assigner = new StoryAssigner(params, df, postings, states, articles, hashes);
        long total = n + MEASURED;
        long step = Math.max(1, (HORIZON_MILLIS / 2) / total);  // the whole run within half a horizon: nothing expires
        long t = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();
        List<Runnable> batch = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            Object[] a = next(i);
            // Filled through the bulk path (same index updates, no scoring): a 10^6 index in minutes.
            long at = t += step;
            batch.add(() -> assigner.load((CleanArticle) a[0], (Fingerprint) a[1], at, (String) a[2]));
            if (batch.size() == tables.fillBatch() || i == n - 1) {
                List<Runnable> work = List.copyOf(batch);
                tables.run(() -> work.forEach(Runnable::run));
                tables.drain();
                batch.clear();
            }
            if (print && i > 0 && i % 100_000 == 0) {
                System.err.printf("  … %d articles in the index%n", i);
            }
        }
        List<Object[]> measured = new ArrayList<>();
        for (long i = n; i < total; i++) {
            measured.add(next(i));
        }
        long[] candidates = {0};
        List<Counted> all = List.of(df, postings, states, articles, hashes);
        all.forEach(Counted::reset);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (Object[] a : measured) {
            long at = t += step;
            tables.run(() -> candidates[0] += assigner.assign((CleanArticle) a[0], (Fingerprint) a[1], at).candidates());
        }
        double micros = (System.nanoTime() - start) / 1e3 / MEASURED;
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / MEASURED;
        tables.drain();
        if (print && tables.sweep() != null) {
            cleanUp(tables, n, t - (total - 1) * step);
        }
        if (print) {
            System.out.printf("%-10d %12.1f %12.1f %14.0f %12.1f %10d %14.0f %10.0f %10.0f   (df %.0f/%.0f)%n", n, micros,
                    cpuMicros, 1e6 / cpuMicros, candidates[0] / (double) MEASURED, tables.size("states"),
                    tables.bytes() / (double) total,
                    all.stream().mapToLong(c -> c.reads).sum() / (double) MEASURED,
                    all.stream().mapToLong(c -> c.writes).sum() / (double) MEASURED,
                    df.reads / (double) MEASURED, df.writes / (double) MEASURED);
        }
    }

    /** A table that counts its reads and writes (deletes count as writes). */
    private static final class Counted implements Table {

        private final Table inner;
        long reads;
        long writes;

        Counted(Table inner) {
            this.inner = inner;
        }

        void reset() {
            reads = 0;
            writes = 0;
        }

        @Override
        public byte[] get(String key) {
            reads++;
            return inner.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            writes++;
            inner.put(key, value);
        }

        @Override
        public void putAll(List<Map.Entry<String, byte[]>> entries) {
            writes += entries.size();
            inner.putAll(entries);
        }

        @Override
        public void delete(String key) {
            writes++;
            inner.delete(key);
        }
    }

    /** The benchmark's five tables: in-memory maps, or Kafka Streams RocksDB stores in a directory. */
    private interface Tables extends AutoCloseable {

        Table table(String name);

        /** Runs one article's work where the tables may be used (inside a Streams task for RocksDB). */
        void run(Runnable work);

        /**
         * Articles loaded per {@link #run} while filling: one for maps (a batch holding a thousand
         * articles' fingerprints alive measurably slows the later measurement at 10^6), a thousand for the
         * test driver (its per-record overhead would make a 10^6 fill take hours).
         */
        default int fillBatch() {
            return 1;
        }

        /** Drops what the driver captured from changelogs (memory), outside the measured loop. */
        default void drain() {
        }

        /** Entries in one table. */
        long size(String name);

        /** The clean-up over the five stores, or null for maps (it works on Kafka Streams stores). */
        default IndexSweep sweep() {
            return null;
        }

        /** Bytes of keys and values (maps), or of the store files on disk after a flush (RocksDB). */
        long bytes();

        @Override
        void close();

        static Tables inMemory() {
            Map<String, MapTable> maps = new HashMap<>();
            return new Tables() {
                @Override
                public Table table(String name) {
                    return maps.computeIfAbsent(name, k -> new MapTable());
                }

                @Override
                public void run(Runnable work) {
                    work.run();
                }

                @Override
                public long size(String name) {
                    return maps.get(name).size();
                }

                @Override
                public long bytes() {
                    return maps.values().stream().mapToLong(MapTable::bytes).sum();
                }

                @Override
                public void close() {
                }
            };
        }

        /**
         * The five tables as persistent key-value stores built as the topology builds them (RocksDB; with
         * {@code changelog}, change-logged), held by a one-processor topology in a
         * {@link org.apache.kafka.streams.TopologyTestDriver}: a real Streams task with its metered store layers.
         */
        static Tables rocksDb(java.nio.file.Path dir, boolean changelog) {
            String[] names = {"df", "postings", "states", "articles", "hashes"};
            Map<String, org.apache.kafka.streams.state.KeyValueStore<String, byte[]>> stores = new HashMap<>();
            Runnable[] current = new Runnable[1];
            org.apache.kafka.streams.Topology topology = new org.apache.kafka.streams.Topology();
            topology.addSource("in", new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(), "in");
            topology.addProcessor("open", () -> new org.apache.kafka.streams.processor.api.Processor<Object, Object, Void, Void>() {
                @Override
                public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> context) {
                    for (String name : names) {
                        stores.put(name, context.getStateStore(name));
                    }
                }

                @Override
                public void process(org.apache.kafka.streams.processor.api.Record<Object, Object> record) {
                    current[0].run();
                }
            }, "in");
            for (String name : names) {
                var builder = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name),
                        org.apache.kafka.common.serialization.Serdes.String(),
                        org.apache.kafka.common.serialization.Serdes.ByteArray());
                if (!changelog) {
                    builder.withLoggingDisabled();
                }
                topology.addStateStore(builder, "open");
            }
            java.util.Properties config = new java.util.Properties();
            config.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, "story-benchmark");
            config.put(org.apache.kafka.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            config.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, dir.toString());
            var driver = new org.apache.kafka.streams.TopologyTestDriver(topology, config);
            var input = driver.createInputTopic("in", new org.apache.kafka.common.serialization.ByteArraySerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
            byte[] empty = new byte[0];
            // The driver keeps every record a changelog receives; they are read off (dropped) as they come.
            List<org.apache.kafka.streams.TestOutputTopic<byte[], byte[]>> changelogs = new ArrayList<>();
            for (String name : changelog ? names : new String[0]) {
                changelogs.add(driver.createOutputTopic("story-benchmark-" + name + "-changelog",
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer()));
            }
            return new Tables() {
                @Override
                public Table table(String name) {
                    return new StoreTable(stores.get(name));
                }

                @Override
                public void run(Runnable work) {
                    current[0] = work;
                    input.pipeInput(empty, empty);  // the processor runs the work; the driver then commits
                }

                @Override
                public int fillBatch() {
                    return 1_000;
                }

                @Override
                public void drain() {
                    changelogs.forEach(org.apache.kafka.streams.TestOutputTopic::readRecordsToList);
                }

                @Override
                public long size(String name) {
                    return stores.get(name).approximateNumEntries();
                }

                @Override
                public IndexSweep sweep() {
                    return new IndexSweep(stores.get("states"), stores.get("articles"), stores.get("hashes"),
                            stores.get("df"), stores.get("postings"));
                }

                @Override
                public long bytes() {
                    stores.values().forEach(org.apache.kafka.streams.state.KeyValueStore::flush);
                    try (var files = java.nio.file.Files.walk(dir)) {
                        return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    driver.close();
                }
            };
        }
    }

    /**
     * Times one whole clean-up pass over the index in the steps the story node takes
     * ({@link StoryProcessor#SWEEP_ENTRIES_PER_TICK} entries each), with the cutoff at the first article's
     * time: every entry is read and nothing expires, the steady state of a pass. Prints the longest and the
     * median step (the pause each tick causes) and the whole pass.
     */
    private static void cleanUp(Tables tables, long n, long firstMillis) {
        IndexSweep sweep = tables.sweep();
        List<Long> steps = new ArrayList<>();
        boolean[] ended = {false};
        long start = System.nanoTime();
        while (!ended[0]) {
            long t0 = System.nanoTime();
            tables.run(() -> ended[0] = sweep.step(firstMillis, StoryProcessor.SWEEP_ENTRIES_PER_TICK));
            steps.add(System.nanoTime() - t0);
        }
        double pass = (System.nanoTime() - start) / 1e6;
        tables.drain();
        steps.sort(null);
        System.out.printf("clean-up at %d: %d entries read, %d removed, %d steps of %d entries, step median %.1f ms, "
                        + "longest %.1f ms, whole pass %.0f ms%n", n, sweep.passRead(), sweep.passRemoved(), steps.size(),
                StoryProcessor.SWEEP_ENTRIES_PER_TICK, steps.get(steps.size() / 2) / 1e6, steps.get(steps.size() - 1) / 1e6,
                pass);
    }

    /** The i-th synthetic article: a new story one time in three, else a member of a recent story. */
    private Object[] next(long i) {
        String[] story;
        if (storyTerms.isEmpty() || random.nextInt(3) == 0) {
            story = new String[33];
            for (int k = 0; k < 25; k++) {
                story[k] = "s" + random.nextInt(5_000_000);
            }
            for (int k = 25; k < 33; k++) {
                story[k] = "name" + random.nextInt(2_000_000);
            }
            if (storyTerms.size() < 10_000) {
                storyTerms.add(story);
            } else {
                storyIds.remove(storyTerms.get(storyCursor % 10_000));
                storyTerms.set(storyCursor++ % 10_000, story);
            }
            storyIds.put(story, Long.toHexString(0x1000000000L + i));
        } else {
            int recent = Math.min(storyTerms.size(), 200);
            story = storyTerms.get((storyCursor + storyTerms.size() - 1 - random.nextInt(recent)) % storyTerms.size());
        }
        Map<String, Integer> terms = new LinkedHashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (int k = 0; k < 33; k++) {
            if (random.nextInt(10) < 7) {
                terms.merge(story[k], 1 + random.nextInt(3), Integer::sum);
                if (k >= 25) {
                    names.put(story[k], 1);
                }
            }
        }
        while (terms.size() < Fingerprinter.MAX_TERMS) {  // a long article: as many terms as a fingerprint keeps
            terms.merge("w" + zipfTerm(), 1, Integer::sum);
        }
        int[] minHash = new int[MinHash.SIZE];
        for (int k = 0; k < minHash.length; k++) {
            minHash[k] = random.nextInt();
        }
        List<String> numbers = List.of(String.valueOf(random.nextInt(1000)), random.nextInt(100) + " year");
        String id = Long.toHexString(0x1000000000L + i);
        Fingerprint fp = new Fingerprint("h" + id, minHash, terms, names, numbers, 400);
        CleanArticle article = new CleanArticle(1, id, "ingest", "https://x.example/" + id, "https://x.example/" + id,
                "outlet" + random.nextInt(500), "title " + id, null, null, null, "en", "", 400, null, null, null, null, null);
        return new Object[] {article, fp, storyIds.get(story)};
    }

    private int zipfTerm() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = VOCABULARY - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
