package dev.rewire.deploy.local;

import dev.rewire.config.RewireConfig;
import dev.rewire.sink.postgres.DataSources;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster and PostgreSQL database a command runs against: external ones when configured
 * ({@code kafka.bootstrap.servers}, {@code sink.postgres.jdbcUrl}), otherwise embedded ones started here
 * under {@code rewire.dataDir}. Closing stops whatever was started here, in reverse order, and leaves
 * external services alone.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    private final LocalKafka localKafka;
    private final LocalPostgres localPostgres;
    private final String bootstrapServers;
    private final DataSource dataSource;
    private final String databaseDescription;

    private Infrastructure(LocalKafka localKafka, LocalPostgres localPostgres, String bootstrapServers,
                           DataSource dataSource, String databaseDescription) {
        this.localKafka = localKafka;
        this.localPostgres = localPostgres;
        this.bootstrapServers = bootstrapServers;
        this.dataSource = dataSource;
        this.databaseDescription = databaseDescription;
    }

    /**
     * Connects to or starts Kafka and, when {@code withDatabase}, PostgreSQL.
     *
     * @param say receives one human-readable line per step (progress output)
     */
    public static Infrastructure start(RewireConfig cfg, boolean withDatabase, Consumer<String> say) {
        LocalKafka kafka = null;
        LocalPostgres postgres = null;
        try {
            String bootstrap;
            if (cfg.isSet("kafka.bootstrap.servers")) {
                bootstrap = cfg.getString("kafka.bootstrap.servers");
                say.accept("Kafka: external cluster at " + bootstrap);
            } else {
                Path dir = cfg.dataDir().resolve("kafka");
                say.accept("Kafka: starting the embedded KRaft broker (data in " + dir + ") ...");
                long t0 = System.nanoTime();
                kafka = LocalKafka.start(dir, cfg.getInt("local.kafka.port"));
                bootstrap = kafka.bootstrapServers();
                say.accept(String.format("Kafka: embedded broker ready at %s in %.1f s", bootstrap,
                        (System.nanoTime() - t0) / 1e9));
            }
            DataSource ds = null;
            String dbDescription = "none";
            if (withDatabase) {
                if (cfg.isSet("sink.postgres.jdbcUrl")) {
                    ds = DataSources.fromConfig(cfg);
                    // The URL may carry a password (?password=, user:pass@): never print it.
                    dbDescription = DataSources.redact(cfg.getString("sink.postgres.jdbcUrl"));
                    say.accept("PostgreSQL: external database at " + dbDescription);
                } else {
                    Path dir = cfg.dataDir().resolve("postgres");
                    say.accept("PostgreSQL: starting the embedded server (data in " + dir + ") ...");
                    long t0 = System.nanoTime();
                    postgres = LocalPostgres.start(dir, cfg.getInt("local.postgres.port"));
                    ds = postgres.dataSource();
                    dbDescription = postgres.jdbcUrl();
                    say.accept(String.format("PostgreSQL: embedded server ready at %s in %.1f s  (psql -h 127.0.0.1 -p %d -U postgres)",
                            dbDescription, (System.nanoTime() - t0) / 1e9, postgres.port()));
                }
            }
            return new Infrastructure(kafka, postgres, bootstrap, ds, dbDescription);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            closeQuietly(kafka);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The database, when one was requested. */
    public Optional<DataSource> dataSource() {
        return Optional.ofNullable(dataSource);
    }

    /** Where the database is, for people: a JDBC URL with any password masked, or "none". Safe to print. */
    public String databaseDescription() {
        return databaseDescription;
    }

    /** True when this process runs its own broker. */
    public boolean embeddedKafka() {
        return localKafka != null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    @Override
    public void close() {
        closeQuietly(localPostgres);
        closeQuietly(localKafka);
    }
}
