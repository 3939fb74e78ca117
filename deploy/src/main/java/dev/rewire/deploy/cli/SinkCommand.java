package dev.rewire.deploy.cli;

import dev.rewire.deploy.pipeline.PipelineProcess.Stage;
import java.util.EnumSet;
import picocli.CommandLine.Command;

/** {@code rewire sink}: Only the sink stage: write news.clean to PostgreSQL and to a JSONL file. */
@Command(name = "sink", mixinStandardHelpOptions = true, description = {"Only the sink stage: write news.clean to PostgreSQL and to a JSONL file.",
            StageCommand.NEEDS_KAFKA})
public final class SinkCommand extends StageCommand {

    @Override
    EnumSet<Stage> stages() {
        return EnumSet.of(Stage.SINK);
    }

    @Override
    String name() {
        return "sink";
    }
}
