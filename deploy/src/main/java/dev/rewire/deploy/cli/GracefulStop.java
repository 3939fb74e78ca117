package dev.rewire.deploy.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A JVM shutdown hook for Ctrl-C and SIGTERM that tells the command to stop, then holds the JVM until the
 * command has closed what it started (broker, database, clients, temporary files), at most a minute.
 * Without it the JVM exits while those are still running: a broker not shut down, a temporary directory
 * left behind. Closing it (the command's cleanup is done) releases the hook, and removes it when no shutdown
 * is under way.
 */
final class GracefulStop implements AutoCloseable {

    private static final long HOLD_SECONDS = 60;

    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    /** Registers the hook; on a signal it runs {@code onSignal} (e.g. interrupt the main thread) first. */
    GracefulStop(String name, Runnable onSignal) {
        hook = new Thread(() -> {
            onSignal.run();
            try {
                cleanedUp.await(HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that cleanedUp is counted down
        }
    }
}
