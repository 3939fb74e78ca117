package dev.rewire.sink.file;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import dev.rewire.model.Topics;
import dev.rewire.sink.BatchingSink;
import dev.rewire.sink.RetryPolicy;
import dev.rewire.sink.SinkBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@code news.clean} to rolling JSONL files: one CleanArticle JSON object per line, in consumption
 * order, with a {@code read_committed} consumer in group {@code sink.file.groupId}. Lines go to the active
 * file {@code sink.file.path} (under {@code rewire.dataDir} when relative); when the hour changes
 * ({@code sink.file.rollHourly}) or the next batch would take it past {@code sink.file.rollMaxBytes}, the
 * active file is fsync'ed and atomically renamed to {@code NAME.<yyyy-MM-dd'T'HH>.<n>.jsonl} next to it
 * (the hour it was started in, UTC; {@code n} from 0 within the hour), and a new active file begins. A
 * rolled file is complete and never written again: archive jobs and notebooks can pick up every
 * {@code NAME.*.jsonl} safely.
 *
 * <p>Guarantees: files only ever hold whole lines — each batch is written and fsync'ed before its
 * offsets are committed, a failed write is truncated away before it is retried, and on start a trailing
 * partial line (left by a crash mid-write) is cut off. A rename is atomic, so a crash during rotation
 * leaves either the old active file or the rolled file. The active file is locked against a second writer.
 * Delivery is at-least-once: after a crash between fsync and offset commit the batch is appended again,
 * so readers that need uniqueness should keep the last line per {@code id}. Metrics: see
 * {@link BatchingSink}, tag {@code sink=file}, plus {@code rewire.sink.file.rotations}.
 */
public final class JsonlFileSink extends BatchingSink {

    /** The metric tag and thread name of this sink. */
    public static final String NAME = "file";

    private static final Logger log = LoggerFactory.getLogger(JsonlFileSink.class);

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final Path path;
    private final long rollMaxBytes;
    private final boolean rollHourly;
    private final Counter rotations;
    private Clock clock = Clock.systemUTC();
    private FileChannel channel;
    private FileLock lock;
    /** The UTC hour the active file was started in. */
    private String activeHour;

    /**
     * @param cfg           configuration ({@code sink.file.*}, {@code sink.retry.*}, {@code sink.pollTimeout})
     * @param consumerProps consumer properties, normally {@link #consumerConfig(RewireConfig, String, String)}
     *                      with {@code sink.file.groupId}; read_committed and manual commits are enforced
     * @param topics        topic names
     * @param registry      where the metrics go
     */
    public JsonlFileSink(RewireConfig cfg, Map<String, Object> consumerProps, Topics topics, MeterRegistry registry) {
        this(cfg, new KafkaConsumer<>(sinkConsumerProps(consumerProps, cfg.getString("sink.file.groupId"),
                cfg.getInt("sink.file.batchSize")), new StringDeserializer(), new ByteArrayDeserializer()),
                topics, registry);
    }

    /** With a given consumer (tests); the sink owns and closes it. */
    JsonlFileSink(RewireConfig cfg, Consumer<String, byte[]> consumer, Topics topics, MeterRegistry registry) {
        super(NAME, consumer, List.of(new TopicSpec(topics.clean(), CleanArticle.class, false)),
                cfg.getInt("sink.file.batchSize"), cfg.getDuration("sink.pollTimeout"), RetryPolicy.fromConfig(cfg),
                registry);
        this.path = cfg.getPath("sink.file.path", true).toAbsolutePath();
        this.rollMaxBytes = cfg.getBytes("sink.file.rollMaxBytes");
        this.rollHourly = cfg.getBoolean("sink.file.rollHourly");
        if (rollMaxBytes < 1) {
            throw new ConfigException("sink.file.rollMaxBytes must be positive, was " + rollMaxBytes);
        }
        this.rotations = Counter.builder("rewire.sink.file.rotations").description("Rolled JSONL files")
                .register(registry);
    }

    /** Replaces the clock that decides the hour of a file (tests). */
    void clock(Clock c) {
        this.clock = c;
    }

    /** The rolled (complete) files so far, oldest first. */
    public List<Path> rolledFiles() throws IOException {
        String name = path.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        Path dir = path.getParent();
        try (var files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(stem + ".") && n.endsWith(".jsonl") && !n.equals(name);
            }).sorted(Comparator.comparing((Path f) -> rolledKey(f.getFileName().toString()))).toList();
        }
    }

    private static String rolledKey(String fileName) {
        // NAME.<hour>.<n>.jsonl: sort by hour, then numerically by n
        String[] parts = fileName.split("\\.");
        if (parts.length < 4) {
            return fileName;
        }
        String n = parts[parts.length - 2];
        return parts[parts.length - 3] + "." + "0".repeat(Math.max(0, 10 - n.length())) + n;
    }

    /** The file this sink appends to. */
    public Path path() {
        return path;
    }

    @Override
    protected void open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        openActive();
    }

    private void openActive() throws IOException {
        activeHour = HOUR.format(Files.exists(path) && Files.size(path) > 0
                ? Files.getLastModifiedTime(path).toInstant() : clock.instant());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                throw new IOException(path + " is locked by another writer");
            }
            long removed = repairTail(ch);
            if (removed > 0) {
                log.warn("file sink: removed a partial last line of {} bytes from {} (left by an interrupted write)",
                        removed, path);
            }
            this.lock = l;
            this.channel = ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    protected void release() throws IOException {
        FileChannel ch = channel;
        if (ch != null) {
            try {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
            } finally {
                ch.close();
            }
        }
    }

    @Override
    protected int writeBatch(SinkBatch batch) throws IOException {
        List<CleanArticle> articles = batch.values(CleanArticle.class);
        if (articles.isEmpty()) {
            return 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(articles.size() * 4096);
        for (CleanArticle a : articles) {
            out.write(Json.mapper().writeValueAsBytes(a)); // one line: the shared mapper never indents
            out.write('\n');
        }
        ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());
        long size = channel.size();
        String hour = HOUR.format(clock.instant());
        if (size > 0 && ((rollHourly && !hour.equals(activeHour)) || size + buf.remaining() > rollMaxBytes)) {
            roll();
        }
        if (channel.size() == 0) {
            activeHour = hour;
        }
        long start = channel.size();
        try {
            long pos = start;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            channel.force(true);
        } catch (IOException e) {
            try {
                channel.truncate(start); // no half lines, no duplicates when the batch is retried
            } catch (IOException te) {
                e.addSuppressed(te);
            }
            throw e;
        }
        return articles.size();
    }

    /** Closes the active file and renames it atomically to its rolled name; opens a new active file. */
    private void roll() throws IOException {
        channel.force(true);
        Path target;
        String name = path.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        int n = 0;
        do {
            target = path.resolveSibling(stem + "." + activeHour + "." + n++ + ".jsonl");
        } while (Files.exists(target));
        // Rename under the lock; a reader never sees a rolled file before it is complete.
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        release();
        channel = null;
        lock = null;
        rotations.increment();
        log.info("file sink: rolled {} to {}", path.getFileName(), target.getFileName());
        openActive();
    }

    /**
     * Cuts {@code file} after its last newline if it does not end with one (an interrupted write).
     *
     * @return bytes removed
     */
    public static long repairTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return repairTail(ch);
        }
    }

    private static long repairTail(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long end = size;
        while (end > 0) {
            int len = (int) Math.min(buf.capacity(), end);
            long from = end - len;
            buf.clear().limit(len);
            while (buf.hasRemaining()) {
                if (ch.read(buf, from + buf.position()) < 0) {
                    throw new IOException("file shrank while being repaired");
                }
            }
            for (int i = len - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    long keep = from + i + 1;
                    if (keep < size) {
                        ch.truncate(keep);
                        ch.force(true);
                    }
                    return size - keep;
                }
            }
            end = from;
        }
        ch.truncate(0);
        ch.force(true);
        return size;
    }
}
