package dev.rewire.deploy.cli;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.LocalPostgres;
import dev.rewire.sink.postgres.DataSources;
import dev.rewire.sink.postgres.Migrations;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Opens the read model that a run or a replay kept: starts the embedded PostgreSQL of
 * {@code <dataDir>/postgres} (or uses {@code sink.postgres.jdbcUrl}), brings its schema up to date, and
 * either runs one SQL statement ({@code --sql}) and prints the rows, or keeps the server up and prints the
 * {@code psql} command to query it until Ctrl-C.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Query the PostgreSQL read model kept in a data directory (or the configured database).",
            "With sink.postgres.jdbcUrl set it uses that database, and first brings its schema up to date (Flyway "
                + "migrations, as the sink runs them).",
            "Without --sql: serve the embedded database until Ctrl-C and print the psql command.",
            "Example: rewire replay ../shared/seeds --out x.jsonl --data-dir DIR && rewire db --data-dir DIR "
                    + "--sql \"SELECT story_id, member_count, outlets FROM story_feed ORDER BY member_count DESC\""})
public final class DbCommand implements Callable<Integer> {

    @Option(names = "--sql", paramLabel = "SQL", description = "Run this statement, print its rows, and exit.")
    String sql;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the embedded server (default: a free port).")
    int port;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        RewireConfig cfg = common.load();
        PrintStream out = System.out;
        if (cfg.isSet("sink.postgres.jdbcUrl")) {
            DataSource ds = DataSources.fromConfig(cfg);
            Migrations.migrate(ds);
            out.println("Database: " + DataSources.redact(cfg.getString("sink.postgres.jdbcUrl")));
            if (sql != null) {
                printQuery(ds, sql, out);
            }
            return 0;
        }
        Path dir = cfg.dataDir().resolve("postgres");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no embedded database in " + dir.toAbsolutePath()
                    + ": replay with --data-dir (or run) there first");
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (LocalPostgres pg = LocalPostgres.start(dir, port)) {
            Migrations.migrate(pg.dataSource());
            out.println("Database: " + pg.jdbcUrl() + "  (data in " + dir.toAbsolutePath() + ")");
            if (sql != null) {
                printQuery(pg.dataSource(), sql, out);
                return 0;
            }
            out.println("Query it with:  psql -h 127.0.0.1 -p " + pg.port() + " -U postgres postgres");
            out.println("  e.g. SELECT story_id, member_count, rewrite_count, outlets, title FROM story_feed "
                    + "ORDER BY member_count DESC LIMIT 10;");
            out.println("Tables: articles, rewrites, stories, story_feed, outlets, sink_offsets. Ctrl-C to stop.");
            // Ctrl-C: let the server shut down cleanly before the JVM exits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rewire-db-stop"));
            stop.await();
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** Runs {@code sql} and prints its rows as an aligned text table (or the update count). */
    static void printQuery(DataSource ds, String sql, PrintStream out) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            if (!st.execute(sql)) {
                out.println(st.getUpdateCount() + " row(s) changed");
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<String[]> rows = new ArrayList<>();
                String[] header = new String[n];
                int[] width = new int[n];
                for (int i = 0; i < n; i++) {
                    header[i] = md.getColumnLabel(i + 1);
                    width[i] = header[i].length();
                }
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        Object v = rs.getObject(i + 1);
                        String s = v instanceof java.sql.Array a ? java.util.Arrays.toString((Object[]) a.getArray())
                                : String.valueOf(v);
                        s = s.replaceAll("\\s+", " ");
                        row[i] = s.length() > 80 ? s.substring(0, 79) + "…" : s;
                        width[i] = Math.max(width[i], row[i].length());
                    }
                    rows.add(row);
                }
                printRow(out, header, width);
                StringBuilder rule = new StringBuilder();
                for (int w : width) {
                    rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(w));
                }
                out.println(rule);
                rows.forEach(r -> printRow(out, r, width));
                out.println("(" + rows.size() + " row" + (rows.size() == 1 ? ")" : "s)"));
            }
        }
    }

    private static void printRow(PrintStream out, String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cells[i]));
        }
        out.println(b.toString().stripTrailing());
    }
}
