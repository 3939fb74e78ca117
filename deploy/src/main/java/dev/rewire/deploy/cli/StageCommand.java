package dev.rewire.deploy.cli;

import dev.rewire.config.ConfigException;
import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.pipeline.PipelineProcess;
import dev.rewire.deploy.pipeline.PipelineProcess.Stage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The shared body of {@code run}, {@code ingest}, {@code enrich} and {@code sink}: start the chosen stages
 * and keep them running until stopped.
 *
 * <p>A single stage only makes sense against a Kafka cluster the other stages share: started without
 * {@code kafka.bootstrap.servers} it would get a private embedded broker that no other stage ever sees, so
 * {@code ingest}, {@code enrich} and {@code sink} refuse to start without it; {@code run} (every stage in
 * one process) starts the embedded broker.
 */
abstract class StageCommand implements Callable<Integer> {

    /** The help line of the single-stage commands. */
    static final String NEEDS_KAFKA = "Needs kafka.bootstrap.servers (REWIRE_KAFKA_BOOTSTRAP_SERVERS): the cluster the "
            + "other stages share. Everything in one process: rewire run or rewire demo.";

    @Mixin
    CommonOptions common;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long (e.g. 60s, 10m, PT5M); default: until Ctrl-C.")
    String duration;

    abstract EnumSet<Stage> stages();

    /** The command's name, for messages. */
    abstract String name();

    /** True when this command runs every stage itself, so an embedded broker is of use (only {@code run}). */
    private boolean runsEveryStage() {
        return stages().containsAll(EnumSet.allOf(Stage.class));
    }

    @Override
    public Integer call() throws Exception {
        Duration d = CommonOptions.durationOption("--duration", duration);
        RewireConfig cfg = common.load();
        if (!runsEveryStage() && !cfg.isSet("kafka.bootstrap.servers")) {
            throw new ConfigException(String.format(
                    "rewire %s runs one stage against a Kafka cluster the other stages share, but "
                            + "kafka.bootstrap.servers is empty: set it (--set kafka.bootstrap.servers=HOST:PORT, "
                            + "in the --config file, or REWIRE_KAFKA_BOOTSTRAP_SERVERS), or use 'rewire run' (every "
                            + "stage in one process, embedded broker) or 'rewire demo'", name()));
        }
        PipelineProcess process = PipelineProcess.start(cfg, stages(), List.of(), System.out::println);
        return LongRunning.run(process, d, process::statusLine);
    }
}
