package dev.rewire.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.config.RewireConfig;
import dev.rewire.deploy.local.Infrastructure;
import dev.rewire.deploy.metrics.Metrics;
import dev.rewire.deploy.newsroom.DemoArticle;
import dev.rewire.deploy.newsroom.DemoNewsroom;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story grouping must not depend on the number of partitions of {@code news.raw}: the demo newsroom's
 * articles (stories told by several outlets, a syndicated copy, two fire stories that must stay apart),
 * replayed on one real broker once with 1 and once with 4 partitions, give the same grouping — and the
 * grouping the newsroom says is right.
 */
class StoryPartitionsIT {

    @TempDir
    static Path dataDir;

    static Infrastructure infra;

    @BeforeAll
    static void startBroker() {
        infra = Infrastructure.start(RewireConfig.defaults().with("rewire.dataDir", dataDir.toString()), false, line -> { });
    }

    @AfterAll
    static void stopBroker() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void oneAndFourPartitionsGiveTheSameStories(@TempDir Path tmp) throws Exception {
        Map<String, String> truth = new HashMap<>();  // url → story key
        Path input = tmp.resolve("newsroom.jsonl");
        try (DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", 0, Clock.systemUTC(), Duration.ZERO)) {
            List<String> lines = new ArrayList<>();
            for (DemoArticle a : newsroom.articles()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("url", a.uri().toString());
                line.put("title", a.title());
                line.put("text", String.join("\n\n", a.paragraphs()));
                line.put("outlet", a.outlet().name());
                line.put("publishedAt", a.published().toString());
                lines.add(Json.write(line));
                truth.put(a.uri().toString(), a.storyKey());
            }
            Files.write(input, lines);
        }

        Set<Set<String>> one = groups(replay(input, tmp.resolve("p1.jsonl"), 1));
        Set<Set<String>> four = groups(replay(input, tmp.resolve("p4.jsonl"), 4));
        Set<Set<String>> expected = truth.keySet().stream()
                .collect(Collectors.groupingBy(truth::get, Collectors.toCollection(TreeSet::new)))
                .values().stream().map(s -> (Set<String>) s).collect(Collectors.toSet());

        assertThat(four).isEqualTo(one);
        assertThat(one).isEqualTo(expected);
    }

    private List<CleanArticle> replay(Path input, Path out, int partitions) throws Exception {
        RewireConfig cfg = RewireConfig.defaults().with(Map.of(
                "rewire.dataDir", dataDir.toString(),
                "topics.prefix", "p" + partitions + ".",
                "topics.partitions", String.valueOf(partitions),
                "enrich.applicationId", "rewire-enrich-p" + partitions,
                "enrich.stateDir", "streams-p" + partitions,
                "sink.postgres.enabled", "false"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new Replay(cfg, infra, Metrics.newRegistry(), new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(List.of(input), out);
        List<CleanArticle> articles = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (!line.isBlank()) {
                articles.add(Json.read(line, CleanArticle.class));
            }
        }
        return articles;
    }

    private static Set<Set<String>> groups(List<CleanArticle> articles) {
        return articles.stream()
                .collect(Collectors.groupingBy(CleanArticle::storyId, Collectors.mapping(CleanArticle::url,
                        Collectors.toCollection(TreeSet::new))))
                .values().stream().map(s -> (Set<String>) s).collect(Collectors.toSet());
    }
}
