package dev.rewire.deploy.cli;

import dev.rewire.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code rewire} command line: one subcommand per mode of the pipeline. {@code main} only wires
 * picocli; each subcommand builds its parts through the same factory methods the tests call.
 *
 * <p>Exit codes: 0 success, 1 failure of the pipeline or its infrastructure (message on stderr), 2
 * unusable arguments or configuration.
 */
@Command(name = "rewire", mixinStandardHelpOptions = true, versionProvider = RewireCli.Version.class,
        description = "Streaming news ingestion: boilerplate removal and story (rewrite) grouping on Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, IngestCommand.class,
            EnrichCommand.class, SinkCommand.class, EvalCommand.class, DbCommand.class, CommandLine.HelpCommand.class})
public final class RewireCli implements Runnable {

    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Builds the configured command line (used by {@link #main} and tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RewireCli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.originalArgs().contains("-v") || parseResult.originalArgs().contains("--verbose");
            if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
                err.println("rewire: " + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(err);
                }
                return EXIT_USAGE;
            }
            err.println("rewire: " + describe(ex));
            if (verbose) {
                ex.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for the stack trace)");
            }
            return EXIT_FAILURE;
        });
        return cl;
    }

    static String describe(Throwable ex) {
        StringBuilder sb = new StringBuilder(String.valueOf(ex.getMessage()));
        Throwable cause = ex.getCause();
        while (cause != null && cause != ex) {
            if (cause.getMessage() != null && !sb.toString().contains(cause.getMessage())) {
                sb.append(": ").append(cause.getMessage());
            }
            ex = cause;
            cause = cause.getCause();
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** The version from the jar manifest (set by the build). */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RewireCli.class.getPackage().getImplementationVersion();
            return new String[] {"rewire " + (v == null ? "development build" : v)};
        }
    }
}
