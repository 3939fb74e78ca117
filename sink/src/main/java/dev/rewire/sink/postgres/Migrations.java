package dev.rewire.sink.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the read model's current schema with Flyway (scripts in
 * {@code classpath:db/migration}). Safe to run on every start: applied migrations are skipped, and a
 * database whose history does not match the scripts fails validation instead of being changed.
 */
public final class Migrations {

    /** Where the migration scripts live. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /**
     * Applies every pending migration.
     *
     * @return the number of migrations applied (0 when the schema was current)
     */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
