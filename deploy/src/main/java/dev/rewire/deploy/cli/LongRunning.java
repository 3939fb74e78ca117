package dev.rewire.deploy.cli;

import dev.rewire.deploy.pipeline.PipelineProcess;
import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a long-running command alive: prints a live one-line status, stops after {@code --duration} or
 * on Ctrl-C (SIGINT/SIGTERM), or when a part of the pipeline fails, and always closes everything before
 * the JVM exits, so no broker, database or thread is left behind.
 */
final class LongRunning {

    private static final Duration STATUS_EVERY = Duration.ofSeconds(2);

    private LongRunning() {
    }

    /**
     * Runs until done, then closes {@code resources}.
     *
     * @return the exit code: 0 after a normal stop, 1 after a failure
     */
    static int run(PipelineProcess process, Duration duration, Supplier<String> status, AutoCloseable... extra)
            throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        GracefulStop graceful = new GracefulStop("rewire-shutdown", stop::countDown);
        PrintStream out = System.out;
        out.printf(java.util.Locale.ROOT, "Ready %.1f s after JVM start.%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        boolean tty = System.console() != null;
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        int code = 0;
        try {
            while (true) {
                long wait = Math.min(STATUS_EVERY.toNanos(), deadline - System.nanoTime());
                if (wait <= 0 || stop.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (process.failure() != null) {
                    out.println();
                    System.err.println("rewire: stopping after a failure: " + RewireCli.describe(process.failure()));
                    code = RewireCli.EXIT_FAILURE;
                    break;
                }
                String line = status.get();
                if (tty) {
                    Console c = System.console();
                    c.printf("\r%-120s", line);
                    c.flush();
                } else {
                    out.println(line);
                }
            }
            if (tty) {
                out.println();
            }
            out.println("stopping ...");
        } finally {
            for (AutoCloseable c : extra) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
            try {
                process.close();
                out.println("stopped: " + status.get());
            } finally {
                graceful.close();
            }
        }
        return code;
    }
}
