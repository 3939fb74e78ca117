package dev.rewire.deploy.cli;

import dev.rewire.deploy.pipeline.PipelineProcess.Stage;
import java.util.EnumSet;
import picocli.CommandLine.Command;

/**
 * {@code rewire sink}: only the sink stage: news.clean, news.rewrites and news.stories into PostgreSQL (with the
 * feed API and dashboard on it), news.clean into a JSONL file.
 */
@Command(name = "sink", mixinStandardHelpOptions = true, description = {"Only the sink stage: the PostgreSQL read model, feed API and dashboard, the JSONL file.",
            "Writes news.clean, news.rewrites and news.stories to PostgreSQL and serves the feed API and dashboard "
                + "from it (web.*); writes news.clean to a JSONL file (sink.file.*).",
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
