package dev.rewire.deploy.newsroom;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The site design of one fictional outlet: its name and the HTML of its home and article pages, with
 * that outlet's own navigation, cookie banner, share buttons, newsletter box, related-story list, about
 * blurb and copyright line. Each outlet has its own implementation with a differently structured page,
 * so that boilerplate removal is exercised on more than one layout.
 */
interface OutletTemplate {

    /** What an article page shows: the article, other stories of the outlet, and the request time. */
    record ArticleView(DemoArticle article, List<DemoArticle> related, Instant now) {
        String year() {
            return String.valueOf(now.atZone(ZoneOffset.UTC).getYear());
        }
    }

    /** What a home page shows: the outlet's published articles, newest first, and the request time. */
    record HomeView(Outlet outlet, List<DemoArticle> articles, Instant now) {
        String year() {
            return String.valueOf(now.atZone(ZoneOffset.UTC).getYear());
        }
    }

    /** The outlet's path segment. */
    String slug();

    /** The outlet's display name. */
    String name();

    /** The full HTML of an article page. */
    String articlePage(ArticleView view);

    /** The full HTML of the outlet's home page. */
    String homePage(HomeView view);

    /** Every outlet of the newsroom, in the order they are listed on the index page. */
    static List<OutletTemplate> all() {
        return List.of(new GazetteTemplate(), new CourierTemplate(), new WireTemplate(), new PostTemplate(),
                new LanternTemplate());
    }
}
