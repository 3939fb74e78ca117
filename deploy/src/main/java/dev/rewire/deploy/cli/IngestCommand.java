package dev.rewire.deploy.cli;

import dev.rewire.deploy.pipeline.PipelineProcess.Stage;
import java.util.EnumSet;
import picocli.CommandLine.Command;

/** {@code rewire ingest}: Only the ingest stage: read the configured sources and publish to news.raw. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = {"Only the ingest stage: read the configured sources and publish to news.raw.",
            StageCommand.NEEDS_KAFKA})
public final class IngestCommand extends StageCommand {

    @Override
    EnumSet<Stage> stages() {
        return EnumSet.of(Stage.INGEST);
    }

    @Override
    String name() {
        return "ingest";
    }
}
