package dev.rewire.ingest.source;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.RawArticle;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the source tests. */
final class SourceTesting {

    private SourceTesting() {
    }

    static RewireConfig config() {
        return RewireConfig.defaults();
    }

    static RewireConfig config(String maxBodyBytes) {
        return RewireConfig.defaults().with("ingest.maxBodyBytes", maxBodyBytes);
    }

    static List<Ingested> drain(ArticleSource source) {
        List<Ingested> out = new ArrayList<>();
        try (source) {
            source.forEachRemaining(out::add);
        }
        return out;
    }

    static RawArticle article(Ingested item) {
        if (item instanceof Ingested.Article article) {
            return article.article();
        }
        throw new AssertionError("expected an article, got " + item);
    }

    static Ingested.Failure failure(Ingested item) {
        if (item instanceof Ingested.Failure failure) {
            return failure;
        }
        throw new AssertionError("expected a failure, got " + item);
    }
}
