package dev.rewire.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's contract: subcommands, help, version and exit codes for unusable arguments. */
class RewireCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = RewireCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** What was printed, with the help's line breaks folded into single spaces. */
    private String words() {
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String cmd : new String[] {"demo", "run", "replay", "ingest", "enrich", "sink"}) {
            assertThat(run(cmd, "--help")).as(cmd).isZero();
        }
        assertThat(out.toString()).contains("Usage: rewire demo").contains("Usage: rewire replay")
                .contains("--duration").contains("--out");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("rewire ");
    }

    @Test
    void replayWithoutOutIsAUsageError() {
        assertThat(run("replay", "somewhere")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
    }

    @Test
    void replayOfAMissingInputIsAUsageErrorWithAClearMessage(@TempDir Path tmp) {
        assertThat(run("replay", tmp.resolve("nope").toString(), "--out", tmp.resolve("o.jsonl").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void anInputOfNoKnownKindOrAnUnwritableOutIsAUsageErrorBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.csv"), "a,b\n");
        long start = System.nanoTime();
        assertThat(run("replay", notes.toString(), "--out", tmp.resolve("o.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot tell what kind of input");
        assertThat(run("replay", tmp.toString(), "--out", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is a directory");
        assertThat(run("replay", tmp.toString(), "--out", tmp.resolve("no/such/dir/o.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot write in");
        assertThat(System.nanoTime() - start).as("no broker was started").isLessThan(5_000_000_000L);
    }

    @Test
    void aMalformedConfigurationValueIsAUsageError(@TempDir Path tmp) {
        int code = run("replay", tmp.toString(), "--out", tmp.resolve("o.jsonl").toString(),
                "--set", "replay.idleTimeout=soon");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("replay.idleTimeout").contains("REWIRE_REPLAY_IDLE_TIMEOUT");
    }

    @Test
    void aSingleStageWithoutKafkaBootstrapServersIsAUsageError(@TempDir Path tmp) {
        Assumptions.assumeTrue(System.getenv("REWIRE_KAFKA_BOOTSTRAP_SERVERS") == null,
                "REWIRE_KAFKA_BOOTSTRAP_SERVERS is set in this environment");
        for (String stage : new String[] {"ingest", "enrich", "sink"}) {
            // --duration: should the check be missing, the stage stops by itself (and the test fails on the code)
            assertThat(run(stage, "--data-dir", tmp.toString(), "--duration", "1s")).as(stage).isEqualTo(2);
            assertThat(err.toString()).contains("rewire " + stage).contains("kafka.bootstrap.servers")
                    .contains("REWIRE_KAFKA_BOOTSTRAP_SERVERS").contains("rewire run").contains("rewire demo");
            assertThat(run(stage, "--help")).isZero();
            assertThat(out.toString()).contains("Needs kafka.bootstrap.servers");
        }
    }

    @Test
    void aMalformedDurationIsAUsageErrorNamingTheOptionAndTheForms(@TempDir Path tmp) {
        for (String cmd : new String[] {"run", "demo"}) {
            assertThat(run(cmd, "--data-dir", tmp.toString(), "--duration", "P5X")).as(cmd).isEqualTo(2);
            assertThat(err.toString()).contains("--duration 'P5X'").contains("30s").contains("PT5M");
        }
    }

    @Test
    void aMissingTruthFileIsAUsageErrorNamingIt(@TempDir Path tmp) throws Exception {
        Path predictions = Files.writeString(tmp.resolve("p.jsonl"), "");
        Path truth = tmp.resolve("missing.jsonl");
        assertThat(run("eval", "extraction", "--predictions", predictions.toString(), "--truth", truth.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("truth file not found: " + truth);
    }

    @Test
    void anUnknownMetricIsAUsageErrorListingTheValidOnes(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("p.jsonl"), "");
        assertThat(run("eval", "extraction", "--predictions", file.toString(), "--truth", file.toString(),
                "--metric", "foo")).isEqualTo(2);
        assertThat(err.toString()).contains("--metric 'foo'").contains("scrapinghub, wcxb");
    }

    @Test
    void aMissingSeedsDirectoryIsAUsageError(@TempDir Path tmp) {
        assertThat(run("eval", "seeds", "--seeds", tmp.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("seeds directory not found");
    }

    @Test
    void helpSaysWhatEachCommandDoes() {
        assertThat(run("--help")).isZero();
        assertThat(words()).contains("or check the seeds"); // eval's line in the command list
        assertThat(run("sink", "--help")).isZero();
        assertThat(words()).contains("news.rewrites and news.stories to PostgreSQL").contains("dashboard");
        assertThat(run("db", "--help")).isZero();
        assertThat(words()).contains("Flyway").contains("--port");
    }
}
