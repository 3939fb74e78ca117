package dev.rewire.deploy.cli;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.newsroom.DemoNewsroom;
import dev.rewire.deploy.pipeline.PipelineProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rewire demo}: everything local. An embedded broker and PostgreSQL, the demo newsroom (fictional
 * outlets on localhost publishing stories and rewrites over time), every stage, the metrics endpoint; a
 * live status line. Starts from a clean {@code <dataDir>/demo} each time.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Everything local: embedded Kafka and PostgreSQL, a demo newsroom, every stage, the dashboard.",
            "The newsroom is fictional outlets on localhost publishing stories and rewrites over time.",
            "Stops after --duration or on Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long (e.g. 60s, 10m, PT5M); default: until Ctrl-C.")
    String duration;

    @Override
    public Integer call() throws Exception {
        RewireConfig cfg = common.load();
        Duration d = CommonOptions.durationOption("--duration", duration);
        Path demoDir = cfg.dataDir().resolve("demo");
        ReplayCommand.deleteRecursively(demoDir);
        cfg = cfg.with("rewire.dataDir", demoDir.toString())
                // The newsroom runs on this machine's loopback interface: allow it explicitly.
                .with("ingest.allowPrivateNetworks", "true")
                .with("ingest.outletFromPathSegment", "true")
                .with("ingest.pollInterval", cfg.getString("demo.pollInterval"));

        DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", cfg.getInt("demo.port"), Clock.systemUTC(),
                cfg.getDuration("demo.releaseInterval"), cfg.getBoolean("demo.faults"));
        // The real scraper follows each outlet from its home page (feeds, robots.txt sitemaps, politeness).
        for (var outlet : newsroom.outlets()) {
            cfg = cfg.with("ingest.outlets." + outlet.slug() + ".seeds", outlet.home().toString());
        }
        if (newsroom.faultHome() != null) {
            cfg = cfg.with("ingest.outlets.fault-lab.seeds", newsroom.faultHome().toString());
        }
        PipelineProcess process;
        try {
            System.out.println("Rewire demo");
            System.out.println("Newsroom: " + newsroom.baseUri() + "  (" + newsroom.outlets().size() + " outlets, "
                    + newsroom.totalArticles() + " articles released over time)");
            process = PipelineProcess.start(cfg, EnumSet.allOf(PipelineProcess.Stage.class),
                    List.of(), System.out::println);
        } catch (RuntimeException e) {
            newsroom.close();
            throw e;
        }
        System.out.println("Running" + (d == null ? " (Ctrl-C to stop)" : " for " + d.toSeconds() + " s") + ". Metrics: "
                + process.metricsUri() + (process.webServer() == null ? ""
                        : "  Dashboard: " + process.webServer().printableDashboardUri()));
        return LongRunning.run(process, d, () -> "newsroom " + newsroom.publishedArticleUris().size() + "/"
                + newsroom.totalArticles() + " | " + process.statusLine(), newsroom);
    }
}
