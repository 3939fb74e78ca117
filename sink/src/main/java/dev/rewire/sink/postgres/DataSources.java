package dev.rewire.sink.postgres;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections to an external PostgreSQL, from configuration ({@code sink.postgres.jdbcUrl},
 * {@code sink.postgres.user}, {@code sink.postgres.password}). The password is handed to the driver
 * only; use {@link #redact(String)} before logging a JDBC URL. Local mode's embedded database is
 * started elsewhere (deploy) and passes its own DataSource.
 *
 * <p>The data source is unpooled: the sinks open one connection per batch, which is cheap next to the
 * batch itself and recovers from a database restart by itself.
 */
public final class DataSources {

    private DataSources() {
    }

    /** A data source for the configured external database; fails when {@code sink.postgres.jdbcUrl} is empty. */
    public static DataSource fromConfig(RewireConfig cfg) {
        String url = cfg.getOptional("sink.postgres.jdbcUrl");
        if (url == null) {
            throw new ConfigException("sink.postgres.jdbcUrl is empty: set it (REWIRE_SINK_POSTGRES_JDBC_URL) to use "
                    + "an external PostgreSQL, or let local mode start the embedded one");
        }
        return create(url, cfg.getOptional("sink.postgres.user"), cfg.getOptional("sink.postgres.password"));
    }

    /** A data source for {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}); user and password may be null. */
    public static DataSource create(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("sink.postgres.jdbcUrl must start with jdbc:postgresql:, was " + redact(jdbcUrl));
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setURL(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sink.postgres.jdbcUrl is not a valid PostgreSQL JDBC URL: " + redact(jdbcUrl), e);
        }
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setApplicationName("rewire-sink");
        ds.setConnectTimeout(10);
        ds.setSocketTimeout(300);
        ds.setTcpKeepAlive(true);
        return ds;
    }

    /** {@code jdbcUrl} with any password parameter masked, safe to log. */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1******")
                .replaceAll("(//[^/:@]+:)[^@/]*@", "$1******@");
    }
}
