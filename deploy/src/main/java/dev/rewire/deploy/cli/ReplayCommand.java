package dev.rewire.deploy.cli;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.Infrastructure;
import dev.rewire.deploy.metrics.Metrics;
import dev.rewire.deploy.pipeline.Replay;
import dev.rewire.ingest.source.Sources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rewire replay INPUT… --out FILE}: batch runs through the real pipeline, as the design specifies.
 * Uses a fresh temporary data directory (deleted afterwards) unless {@code --data-dir} is given; writes to
 * PostgreSQL only when a database is configured or a data directory is kept.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Push inputs through the real pipeline and write the cleaned articles as JSONL.",
            "INPUT: a directory of .html/.htm/.txt files, a .jsonl[.gz] file in the interchange format, or a .warc[.gz] file."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Inputs, in stream order.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write CleanArticle JSONL.")
    Path out;

    @Option(names = "--no-db", description = "Do not write to PostgreSQL even when a database is available.")
    boolean noDb;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Replay.Result result = replay(common, inputs, out, noDb);
        System.out.println(result.summary());
        if (!result.rejectedByReason().isEmpty()) {
            System.out.println("rejected by reason: " + result.rejectedByReason());
        }
        return 0;
    }

    /**
     * Runs a replay as the command does (temporary data directory unless one is given, a database only
     * when configured or kept) and returns its result; progress goes to stderr.
     */
    static Replay.Result replay(CommonOptions common, List<Path> inputs, Path out, boolean noDb) throws Exception {
        for (Path input : inputs) {
            Sources.kindOf(input);  // every input usable before anything starts (exit 2 otherwise)
        }
        requireWritable(out);
        RewireConfig cfg = common.load();
        Path tempDir = null;
        if (common.dataDir == null && !common.overrides.containsKey("rewire.dataDir")) {
            tempDir = Files.createTempDirectory("rewire-replay-");
            cfg = cfg.with("rewire.dataDir", tempDir.toString());
        }
        boolean keepData = tempDir == null;
        boolean withDb = !noDb && cfg.getBoolean("sink.postgres.enabled")
                && (cfg.isSet("sink.postgres.jdbcUrl") || keepData);
        PrintStream say = System.err;
        // Ctrl-C or SIGTERM: interrupt the replay, so the broker and database stop and the temporary directory
        // goes before the JVM exits.
        GracefulStop graceful = new GracefulStop("rewire-replay-shutdown", Thread.currentThread()::interrupt);
        try (Infrastructure infra = Infrastructure.start(cfg, withDb, say::println)) {
            Replay.Result result = new Replay(cfg, infra, Metrics.newRegistry(), say).run(inputs, out);
            say.printf(Locale.ROOT, "wrote %d articles to %s in %.1f s (%.1f articles/s)%s%n", result.clean(), out,
                    result.elapsed().toMillis() / 1000.0, result.read() * 1000.0 / Math.max(1, result.elapsed().toMillis()),
                    result.rowsInDatabase() >= 0 ? " and to PostgreSQL: " + infra.databaseDescription() : "");
            return result;
        } finally {
            if (tempDir != null) {
                deleteRecursively(tempDir);
            }
            graceful.close();
        }
    }

    /** Fails (exit 2) before anything starts when {@code out} cannot be written. */
    static void requireWritable(Path out) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a directory, not a file");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new IllegalArgumentException("--out " + out + ": cannot write in " + parent);
        }
    }

    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
