package dev.rewire.sink.postgres;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.RewriteEvent;
import dev.rewire.model.Story;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Writes one batch of records into every read-model table — {@code articles}, {@code rewrites},
 * {@code stories} and the derived {@code story_feed} and {@code outlets} — on the caller's transaction,
 * so a batch is all there or not at all. The PostgreSQL sink adds its offsets to the same transaction;
 * tests and benchmarks use {@link #writeAll} to seed a read model directly.
 */
public final class ReadModelWriter {

    private final ArticleRepository articles;
    private final StoryRepository stories;
    private final RewriteRepository rewrites = new RewriteRepository();

    public ReadModelWriter(DataSource dataSource) {
        this.articles = new ArticleRepository(dataSource);
        this.stories = new StoryRepository(dataSource);
    }

    /** What one batch changed. */
    public record Written(int articles, int rewrites, int stories) {
    }

    /** Writes on {@code c} without committing. */
    public Written write(Connection c, List<CleanArticle> articleBatch, List<RewriteEvent> rewriteBatch,
                         List<Story> storyUpserts, Collection<String> storyDeletes) throws SQLException {
        Set<String> touchedStories = new TreeSet<>();
        Set<String> touchedOutlets = new TreeSet<>();
        DerivedTables.collectStored(c, articleBatch.stream().map(CleanArticle::id).distinct().toList(),
                touchedStories, touchedOutlets);
        for (CleanArticle a : articleBatch) {
            DerivedTables.addIfPresent(touchedStories, a.storyId());
            DerivedTables.addIfPresent(touchedOutlets, a.outlet());
        }
        rewriteBatch.forEach(r -> DerivedTables.addIfPresent(touchedStories, r.storyId()));
        int a = articles.upsert(c, articleBatch);
        int r = rewrites.upsert(c, rewriteBatch);
        int s = stories.upsert(c, storyUpserts) + stories.delete(c, storyDeletes);
        DerivedTables.refresh(c, touchedStories, touchedOutlets);
        return new Written(a, r, s);
    }

    /** Writes and commits in one transaction of its own (tests, benchmarks, tools). */
    public static Written writeAll(DataSource dataSource, List<CleanArticle> articleBatch,
                                   List<RewriteEvent> rewriteBatch) throws SQLException {
        ReadModelWriter w = new ReadModelWriter(dataSource);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Written written = w.write(c, articleBatch, rewriteBatch, List.of(), List.of());
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                ArticleRepository.rollbackQuietly(c, e);
                throw e;
            }
        }
    }
}
