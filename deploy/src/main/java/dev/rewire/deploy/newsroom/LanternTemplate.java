package dev.rewire.deploy.newsroom;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Hallowmere Lantern: a small community news site. The story sits in {@code <article class="story">}
 * with its body in a {@code <div class="story-body">}; a "Read next" grid and a newsletter box follow inside
 * the article element, the consent bar sits at the very end of the body, and the header carries a weather
 * strip and a donation appeal.
 */
final class LanternTemplate implements OutletTemplate {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK).withZone(ZoneOffset.UTC);

    private static final String FRAME = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{pageTitle}}</title>
            {{{head}}}
            </head>
            <body class="lantern">
            <header class="masthead">
              <div class="weather-strip">Hallowmere today: showers clearing, 11&deg;C. High tide 14:52.</div>
              <a class="logo" href="{{home}}">The Hallowmere Lantern</a>
              <p class="appeal">Local news costs money to make. <a href="{{home}}support">Chip in from &pound;3 a month</a></p>
              <ul class="sections">
                <li><a href="{{home}}#harbour">Harbour</a></li><li><a href="{{home}}#council">Council</a></li>
                <li><a href="{{home}}#schools">Schools</a></li><li><a href="{{home}}#whats-on">What's on</a></li>
                <li><a href="{{home}}#letters">Letters</a></li>
              </ul>
            </header>
            {{{main}}}
            <footer class="lantern-footer">
              <p>The Hallowmere Lantern is a not-for-profit community newsroom run by local volunteers and two
              paid reporters. We are funded by readers, not advertisers.</p>
              <p>&copy; {{year}} Hallowmere Lantern CIC. Text may not be reused without written permission.</p>
            </footer>
            <div class="consent-bar" role="dialog">
              <p>We only use cookies that keep this site working and count visits anonymously. Okay with that?</p>
              <button type="button">That's fine</button> <button type="button">Tell me more</button>
            </div>
            </body>
            </html>
            """;

    private static final String ARTICLE = """
            <article class="story">
            <p class="kicker">Hallowmere</p>
            <h1>{{title}}</h1>
            <p class="dateline">{{author}} &ndash; <time datetime="{{iso}}">{{shown}}</time></p>
            <ul class="share-row"><li>Share on Facebook</li><li>Share on WhatsApp</li><li>Copy link</li></ul>
            <div class="story-body">
            {{{body}}}
            </div>
            {{{readNext}}}
            <section class="lantern-letter">
              <h2>The Lantern Letter</h2>
              <p>Hallowmere's week in one friendly email, every Friday morning. Free, and you can leave any time.</p>
              <form method="post" action="{{home}}letter"><input type="email" name="email"><button>Sign me up</button></form>
            </section>
            </article>
            """;

    @Override
    public String slug() {
        return "hallowmere-lantern";
    }

    @Override
    public String name() {
        return "The Hallowmere Lantern";
    }

    @Override
    public String articlePage(ArticleView view) {
        DemoArticle a = view.article();
        String body = Html.body(a, "<h3>", "</h3>\n", "<p>", "</p>\n", i -> "");
        String main = Template.fill(ARTICLE, Map.of(
                "title", a.title(),
                "author", a.author(),
                "iso", Html.iso(a.published()),
                "shown", SHOWN.format(a.published()),
                "body", body,
                "readNext", readNext(view.related()),
                "home", a.outlet().home().getRawPath()));
        return frame(a.title() + " - The Hallowmere Lantern", Html.articleHead(a), main, a.outlet(), view.year());
    }

    @Override
    public String homePage(HomeView view) {
        StringBuilder items = new StringBuilder("<main class=\"front\">\n<h1>Latest from the Lantern</h1>\n");
        for (DemoArticle a : view.articles()) {
            items.append("<div class=\"teaser\"><h2><a href=\"").append(Html.escape(a.uri().getRawPath()))
                    .append("\">").append(Html.escape(a.title())).append("</a></h2><p>")
                    .append(Html.escape(Html.teaser(a.paragraphs().get(0), 140))).append("</p></div>\n");
        }
        items.append("</main>");
        return frame("The Hallowmere Lantern - community news for Hallowmere", Html.feedLink(view.outlet()),
                items.toString(), view.outlet(), view.year());
    }

    private static String readNext(List<DemoArticle> related) {
        StringBuilder out = new StringBuilder("<nav class=\"read-next\">\n<h2>Read next</h2>\n");
        for (DemoArticle r : related) {
            out.append("<a class=\"card\" href=\"").append(Html.escape(r.uri().getRawPath())).append("\">")
                    .append(Html.escape(r.title())).append("</a>\n");
        }
        return out.append("</nav>").toString();
    }

    private String frame(String pageTitle, String head, String main, Outlet outlet, String year) {
        return Template.fill(FRAME, Map.of("pageTitle", pageTitle, "head", head, "main", main,
                "home", outlet.home().getRawPath(), "year", year));
    }
}
