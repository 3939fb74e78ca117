package dev.rewire.deploy.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries from Maven Central) for local mode and tests.
 *
 * <p>The data directory is kept: a second start on the same directory finds the same database, so a demo
 * or a replay with a chosen data directory leaves a database that {@code psql} can open afterwards (see
 * {@link #jdbcUrl()} and {@link #port()}). {@link #close()} stops the server; it is idempotent.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private boolean closed;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on {@code dir} (created and initialised if new), on {@code port} (0 = free). */
    public static LocalPostgres start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    // zonky turns this off for speed; a sink that promises exactly-once must not lose a commit.
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            LOG.info("embedded PostgreSQL ready on port {} (data in {})", pg.getPort(), dir);
            return new LocalPostgres(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
        }
    }

    /** A data source for the {@code postgres} database as user {@code postgres}. */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** The TCP port the server listens on (127.0.0.1). */
    public int port() {
        return postgres.getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
            LOG.info("embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
