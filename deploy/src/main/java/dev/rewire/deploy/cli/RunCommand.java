package dev.rewire.deploy.cli;

import dev.rewire.deploy.pipeline.PipelineProcess.Stage;
import java.util.EnumSet;
import picocli.CommandLine.Command;

/** {@code rewire run}: Continuous mode: every stage in one process, sources from the configuration. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Continuous mode: every stage in one process, sources from the configuration.")
public final class RunCommand extends StageCommand {

    @Override
    EnumSet<Stage> stages() {
        return EnumSet.of(Stage.INGEST, Stage.ENRICH, Stage.SINK);
    }

    @Override
    String name() {
        return "run";
    }
}
