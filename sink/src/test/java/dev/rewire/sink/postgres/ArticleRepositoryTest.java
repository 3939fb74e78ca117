package dev.rewire.sink.postgres;

import static dev.rewire.sink.TestArticles.article;
import static dev.rewire.sink.TestArticles.articles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import dev.rewire.model.Story;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema and the repositories against a real (embedded) PostgreSQL. */
class ArticleRepositoryTest {

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static DataSource ds;
    static int firstMigration;

    ArticleRepository repo;
    StoryRepository stories;

    @BeforeAll
    static void startDatabase() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start();
        ds = pg.getPostgresDatabase();
        firstMigration = Migrations.migrate(ds);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void emptyTables() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE articles, stories, rewrites, story_feed, outlets, sink_offsets");
        }
        repo = new ArticleRepository(ds);
        stories = new StoryRepository(ds);
    }

    @Test
    void migrationsApplyOnceAndAgainAreANoOp() throws Exception {
        assertThat(firstMigration).isEqualTo(5);
        assertThat(Migrations.migrate(ds)).isZero();
        assertThat(Migrations.migrate(ds)).isZero();
        List<String> columns = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns "
                     + "WHERE table_name = 'articles' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        assertThat(columns).contains("id", "ingest_id", "url", "canonical_url", "outlet", "title", "byline",
                "published_at", "fetched_at", "language", "text", "word_count", "story_id", "relation",
                "duplicate_of", "similarity", "boilerplate", "first_seen_at", "updated_at");
        List<String> indexes = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'articles'")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        assertThat(indexes).anyMatch(d -> d.contains("(story_id)")).anyMatch(d -> d.contains("(outlet)"))
                .anyMatch(d -> d.contains("(published_at)"));
    }

    @Test
    void upsertIsIdempotent() throws Exception {
        List<CleanArticle> batch = articles("a", 25);
        assertThat(repo.upsert(batch)).isEqualTo(25);
        assertThat(repo.count()).isEqualTo(25);
        assertThat(repo.upsert(batch)).isEqualTo(25);
        assertThat(repo.upsert(batch.subList(0, 10))).isEqualTo(10);
        assertThat(repo.count()).isEqualTo(25);
    }

    @Test
    void storesEveryFieldAndReadsItBack() throws Exception {
        CleanArticle a = new CleanArticle(1, "id-1", "ing-1", "https://x.test/a?utm=1", "https://x.test/a", "x.test",
                "Bürgermeister tritt zurück — „Überraschung“", "Anna Beispiel", Instant.parse("2025-01-02T03:04:05.123456Z"),
                Instant.parse("2025-01-02T04:00:00Z"), "de", "Absatz eins.\n\nAbsatz zwei.", 4, "story-9",
                Relation.REWRITE, "id-0", 0.8125, Map.of("nav", 12, "cookie-banner", 1));
        repo.upsert(List.of(a));
        assertThat(repo.find("id-1")).contains(a);
        assertThat(repo.find("missing")).isEmpty();
        assertThat(repo.findByStory("story-9")).containsExactly(a);
    }

    @Test
    void aNewerVersionUpdatesTheRowButKeepsFirstSeen() throws Exception {
        CleanArticle v1 = article("x", "Old title");
        repo.upsert(List.of(v1));
        Instant firstSeen = timestamp("x", "first_seen_at");
        Instant updated = timestamp("x", "updated_at");
        Thread.sleep(5);

        CleanArticle v2 = new CleanArticle(1, "x", "ingest-2", v1.url(), v1.canonicalUrl(), v1.outlet(), "New title",
                v1.byline(), v1.publishedAt(), v1.fetchedAt().plusSeconds(60), "en", "Changed text.", 2, "story-other",
                Relation.NEAR, "y", 0.93, Map.of("nav", 4));
        assertThat(repo.upsert(List.of(v2))).isEqualTo(1);

        assertThat(repo.count()).isEqualTo(1);
        assertThat(repo.find("x")).contains(v2);
        assertThat(timestamp("x", "first_seen_at")).isEqualTo(firstSeen);
        assertThat(timestamp("x", "updated_at")).isAfter(updated);
    }

    @Test
    void aChangedTitleWithTheSameFetchTimeUpdatesTheRow() throws Exception {
        CleanArticle v1 = article("t", "Before");
        repo.upsert(List.of(v1));
        repo.upsert(List.of(article("t", "After")));
        assertThat(repo.find("t")).get().extracting(CleanArticle::title).isEqualTo("After");
    }

    @Test
    void anOlderFetchDoesNotOverwriteANewerOne() throws Exception {
        CleanArticle newer = article("o", "Newer");
        CleanArticle older = new CleanArticle(1, "o", "ingest-old", newer.url(), newer.canonicalUrl(), newer.outlet(),
                "Older", null, null, newer.fetchedAt().minusSeconds(3600), "en", "old", 1, "s", Relation.ORIGINAL,
                null, null, Map.of());
        repo.upsert(List.of(newer));
        assertThat(repo.upsert(List.of(older))).isZero();
        assertThat(repo.find("o")).contains(newer);
    }

    @Test
    void theLastOccurrenceOfAnIdInOneBatchWins() throws Exception {
        assertThat(repo.upsert(List.of(article("d", "first"), article("e", "other"), article("d", "second"))))
                .isEqualTo(2);
        assertThat(repo.count()).isEqualTo(2);
        assertThat(repo.find("d")).get().extracting(CleanArticle::title).isEqualTo("second");
    }

    @Test
    void missingValuesAreStoredAsNull() throws Exception {
        CleanArticle a = new CleanArticle(1, "n", null, "https://x.test/n", "https://x.test/n", "x.test", "T", null,
                null, Instant.parse("2025-01-01T00:00:00Z"), null, "body", 1, null, Relation.ORIGINAL, null, null, null);
        repo.upsert(List.of(a));
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT byline, published_at, similarity, duplicate_of, "
                     + "boilerplate, story_id, language, ingest_id FROM articles WHERE id = 'n'");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= 8; i++) {
                assertThat(rs.getObject(i)).as("column %d", i).isNull();
            }
        }
        assertThat(repo.find("n")).contains(a);
    }

    @Test
    void boilerplateIsJsonbAndRoundTrips() throws Exception {
        Map<String, Integer> counts = Map.of("nav", 7, "footer", 2, "related-links", 11);
        CleanArticle a = article("b", "T");
        a = new CleanArticle(1, "b", a.ingestId(), a.url(), a.canonicalUrl(), a.outlet(), a.title(), a.byline(),
                a.publishedAt(), a.fetchedAt(), a.language(), a.text(), a.wordCount(), a.storyId(), a.relation(),
                a.duplicateOf(), a.similarity(), counts);
        repo.upsert(List.of(a));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_typeof(boilerplate)::text, (boilerplate->>'related-links')::int "
                     + "FROM articles WHERE id = 'b'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("jsonb");
            assertThat(rs.getInt(2)).isEqualTo(11);
        }
        assertThat(repo.find("b")).get().extracting(CleanArticle::boilerplate).isEqualTo(counts);
    }

    @Test
    void nulCharactersCannotPoisonABatch() throws Exception {
        CleanArticle a = article("z", "Ti\u0000tle");
        assertThat(repo.upsert(List.of(a))).isEqualTo(1);
        assertThat(repo.find("z")).get().extracting(CleanArticle::title).isEqualTo("Title");
    }

    @Test
    void storiesAreUpsertedAndDeleted() throws Exception {
        Story s1 = new Story(1, "s1", "A story", Instant.parse("2025-01-01T00:00:00Z"), "a.test", 1, List.of("a.test"),
                Instant.parse("2025-01-01T00:00:00Z"));
        Story s1b = new Story(1, "s1", "A story", s1.firstSeenAt(), "a.test", 3, List.of("a.test", "b.test", "c.test"),
                Instant.parse("2025-01-01T05:00:00Z"));
        assertThat(stories.upsert(List.of(s1))).isEqualTo(1);
        stories.upsert(List.of(s1b));
        assertThat(stories.count()).isEqualTo(1);
        assertThat(stories.find("s1")).contains(s1b);
        try (Connection c = ds.getConnection()) {
            assertThat(stories.delete(c, List.of("s1", "unknown"))).isEqualTo(1);
        }
        assertThat(stories.find("s1")).isEmpty();
    }

    private static Instant timestamp(String id, String column) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM articles WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }
}
