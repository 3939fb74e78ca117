package dev.rewire.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import dev.rewire.sink.TestArticles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The derived tables follow the stored articles, including an article that moves to another story. */
class ReadModelWriterTest {

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start();
        db = pg.getPostgresDatabase();
        Migrations.migrate(db);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void storyFeedAndOutletsFollowTheArticlesAcrossAStoryReassignment() throws Exception {
        CleanArticle a = TestArticles.article("m1", "Original title");
        CleanArticle b = copy(TestArticles.article("m2", "Copy title"), "story-m1", Relation.EXACT, "other.example");
        ReadModelWriter.writeAll(db, List.of(a.withStory("story-m1", Relation.ORIGINAL, null, null), b), List.of());
        assertThat(rows("SELECT story_id, member_count, rewrite_count, title, best_article_id FROM story_feed"))
                .containsExactly("story-m1|2|1|Original title|m1");
        long seq = Long.parseLong(rows("SELECT seq FROM story_feed").get(0));

        // The story stage changes its mind: m2 is a story of its own after all.
        ReadModelWriter.writeAll(db, List.of(copy(b, "story-m2", Relation.ORIGINAL, "other.example")), List.of());
        assertThat(rows("SELECT story_id, member_count, rewrite_count, title FROM story_feed ORDER BY story_id"))
                .containsExactly("story-m1|1|0|Original title", "story-m2|1|0|Copy title");
        assertThat(Long.parseLong(rows("SELECT seq FROM story_feed WHERE story_id = 'story-m1'").get(0))).isGreaterThan(seq);
        assertThat(rows("SELECT outlet, articles, originals, rewrites FROM outlets ORDER BY outlet"))
                .containsExactly("example.org|1|1|0", "other.example|1|1|0");
    }

    @Test
    void aSecondWriterDrawsItsSeqOnlyAfterTheFirstOneCommitted() throws Exception {
        ReadModelWriter writer = new ReadModelWriter(db);
        try (Connection first = db.getConnection(); Connection second = db.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // Different articles, stories and outlets: no row both writers touch, only the seq lock between them.
            writer.write(first, List.of(copy(TestArticles.article("q1", "First writer"), "story-q1", Relation.ORIGINAL,
                    "first.example")), List.of(), List.of(), List.of());
            CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
                try {
                    writer.write(second, List.of(copy(TestArticles.article("q2", "Second writer"), "story-q2",
                            Relation.ORIGINAL, "second.example")), List.of(), List.of(), List.of());
                    second.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertThat(late).as("waiting for the first writer's seq to commit").isNotDone();
            first.commit();
            late.get(20, TimeUnit.SECONDS);
        }
        long q1 = Long.parseLong(rows("SELECT seq FROM story_feed WHERE story_id = 'story-q1'").get(0));
        long q2 = Long.parseLong(rows("SELECT seq FROM story_feed WHERE story_id = 'story-q2'").get(0));
        assertThat(q2).isGreaterThan(q1);
    }

    static CleanArticle copy(CleanArticle a, String story, Relation relation, String outlet) {
        return new CleanArticle(a.schemaVersion(), a.id(), a.ingestId(), a.url(), a.canonicalUrl(), outlet, a.title(),
                a.byline(), a.publishedAt().plusSeconds(60), a.fetchedAt().plusSeconds(60), a.language(), a.text(),
                a.wordCount(), story, relation, relation == Relation.ORIGINAL ? null : "m1",
                relation == Relation.ORIGINAL ? null : 1.0, a.boilerplate());
    }

    static List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
