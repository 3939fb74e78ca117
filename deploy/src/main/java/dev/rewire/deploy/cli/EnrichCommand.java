package dev.rewire.deploy.cli;

import dev.rewire.deploy.pipeline.PipelineProcess.Stage;
import java.util.EnumSet;
import picocli.CommandLine.Command;

/** {@code rewire enrich}: Only the enrich stage: the Kafka Streams topology from news.raw to the output topics. */
@Command(name = "enrich", mixinStandardHelpOptions = true, description = {"Only the enrich stage: the Kafka Streams topology from news.raw to the output topics.",
            StageCommand.NEEDS_KAFKA})
public final class EnrichCommand extends StageCommand {

    @Override
    EnumSet<Stage> stages() {
        return EnumSet.of(Stage.ENRICH);
    }

    @Override
    String name() {
        return "enrich";
    }
}
