package dev.rewire.sink.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A small, bounded pool of read-only connections for the web server. Opening a PostgreSQL connection
 * forks a server process (milliseconds), far more than a feed query; and bounding the connections bounds
 * the database load however many clients the server has (requests beyond it wait, up to a time-out).
 * A connection that failed is closed instead of being returned. Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {

    private static final long WAIT_MS = 10_000;

    private final DataSource dataSource;
    private final Semaphore permits;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;

    ConnectionPool(DataSource dataSource, int size) {
        this.dataSource = dataSource;
        this.permits = new Semaphore(size, true);
    }

    /** One borrowed connection; closing the lease gives it back (or discards it when {@link #broken()}). */
    final class Lease implements AutoCloseable {
        private final Connection connection;
        private boolean broken;

        private Lease(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        /** Marks the connection unusable (after an error); it is closed on release. */
        void broken() {
            broken = true;
        }

        @Override
        public void close() {
            try {
                if (broken || closed) {
                    closeQuietly(connection);
                } else {
                    idle.offerFirst(connection);
                }
            } finally {
                permits.release();
            }
        }
    }

    Lease lease() throws SQLException {
        try {
            if (!permits.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("no database connection free within " + WAIT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a database connection");
        }
        try {
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                if (!c.isClosed()) {
                    return new Lease(c);
                }
            }
            c = dataSource.getConnection();
            c.setReadOnly(true);
            return new Lease(c);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already gone
        }
    }
}
