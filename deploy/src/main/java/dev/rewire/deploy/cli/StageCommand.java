package dev.rewire.deploy.cli;

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
 */
abstract class StageCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long (e.g. 60s, 10m); default: until Ctrl-C.")
    String duration;

    abstract EnumSet<Stage> stages();

    @Override
    public Integer call() throws Exception {
        Duration d = CommonOptions.durationOption("--duration", duration);
        RewireConfig cfg = common.load();
        PipelineProcess process = PipelineProcess.start(cfg, stages(), List.of(), System.out::println);
        return LongRunning.run(process, d, process::statusLine);
    }
}
