package dev.rewire.deploy.newsroom;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The Skerrydown Gazette: a traditional coastal paper with clean semantic markup. The story sits in an
 * {@code <article>} with its own {@code <header>}; subheadings are {@code <h2>}; the newsletter box and
 * "Related stories" are {@code <aside>}s next to it, and a corrections note closes the article.
 */
final class GazetteTemplate implements OutletTemplate {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    private static final String FRAME = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{pageTitle}}</title>
            {{{head}}}
            <style>body{font-family:Georgia,serif;max-width:62rem;margin:0 auto;padding:0 1rem}
            .consent{background:#f3efe6;border:1px solid #c9bfa8;padding:.8rem}nav ul{display:flex;gap:1rem;list-style:none}</style>
            </head>
            <body class="gazette">
            <div id="cookie-consent" class="consent" role="dialog" aria-label="Cookie preferences">
              <p>The Skerrydown Gazette uses cookies to keep you signed in, remember your settings and learn which
              stories our readers value most. Choose &ldquo;Accept all&rdquo; to allow every cookie, or
              &ldquo;Manage preferences&rdquo; to decide for yourself.</p>
              <button type="button">Accept all</button>
              <button type="button">Manage preferences</button>
            </div>
            <header class="masthead">
              <p class="logo"><a href="{{home}}">The Skerrydown Gazette</a></p>
              <p class="strapline">Serving the harbour towns since 1889</p>
              <nav aria-label="Sections">
                <ul>
                  <li><a href="{{home}}">Home</a></li>
                  <li><a href="{{home}}#news">News</a></li>
                  <li><a href="{{home}}#harbour">Harbour &amp; Sea</a></li>
                  <li><a href="{{home}}#sport">Sport</a></li>
                  <li><a href="{{home}}#opinion">Opinion</a></li>
                  <li><a href="{{home}}#notices">Family notices</a></li>
                </ul>
              </nav>
            </header>
            {{{main}}}
            <footer class="site-footer">
              <section class="about">
                <h2>About the Gazette</h2>
                <p>The Skerrydown Gazette is an independent local newspaper owned by the Trevose family trust.
                Our newsroom on Anchor Street covers Skerrydown, the coast road villages and the wider Brenmouth
                area, in print every morning and online around the clock.</p>
              </section>
              <p><a href="{{home}}#contact">Contact the newsdesk</a> &middot; <a href="{{home}}#privacy">Privacy
              policy</a> &middot; <a href="{{home}}#terms">Terms of use</a></p>
              <p class="copyright">&copy; {{year}} Skerrydown Gazette Publishing Ltd. All rights reserved.</p>
            </footer>
            </body>
            </html>
            """;

    private static final String ARTICLE = """
            <main id="main">
            <article class="story">
              <header class="story-header">
                <h1>{{title}}</h1>
                <p class="byline">By <span class="author">{{author}}</span></p>
                <p class="dateline"><time datetime="{{iso}}">{{shown}}</time></p>
              </header>
              <ul class="share-bar" aria-label="Share this story">
                <li><button type="button">Share on Facebook</button></li>
                <li><button type="button">Share on X</button></li>
                <li><button type="button">Share on WhatsApp</button></li>
                <li><button type="button">Share by email</button></li>
              </ul>
            {{{body}}}
              <p class="corrections"><em>Spotted an error in this story? Tell the newsdesk and we will put it
              right.</em></p>
            </article>
            <aside class="newsletter">
              <h2>The Morning Tide</h2>
              <p>Sign up for the Gazette&rsquo;s free morning newsletter and get the day&rsquo;s top stories in your
              inbox at seven o&rsquo;clock. You can unsubscribe at any time.</p>
              <form action="{{home}}newsletter" method="post">
                <label>Email address <input type="email" name="email"></label>
                <button type="submit">Sign me up</button>
              </form>
            </aside>
            <aside class="related">
              <h2>Related stories</h2>
              <ul>
            {{{related}}}
              </ul>
            </aside>
            </main>
            """;

    private static final String HOME = """
            <main id="main">
              <h1>Latest from the Gazette</h1>
              <section class="story-list">
            {{{items}}}
              </section>
            </main>
            """;

    @Override
    public String slug() {
        return "skerrydown-gazette";
    }

    @Override
    public String name() {
        return "The Skerrydown Gazette";
    }

    @Override
    public String articlePage(ArticleView view) {
        DemoArticle a = view.article();
        String body = Html.body(a, "  <h2>", "</h2>\n", "  <p>", "</p>\n", i -> "");
        StringBuilder related = new StringBuilder();
        for (DemoArticle r : view.related()) {
            related.append("    <li><a href=\"").append(Html.escape(r.uri().getRawPath())).append("\">")
                    .append(Html.escape(r.title())).append("</a></li>\n");
        }
        String main = Template.fill(ARTICLE, Map.of(
                "title", a.title(),
                "author", a.author(),
                "iso", Html.iso(a.published()),
                "shown", SHOWN.format(a.published()),
                "body", body,
                "home", a.outlet().home().getRawPath(),
                "related", related.toString()));
        return frame(a.title() + " | " + name(), Html.articleHead(a), main, a.outlet(), view.year());
    }

    @Override
    public String homePage(HomeView view) {
        StringBuilder items = new StringBuilder();
        for (DemoArticle a : view.articles()) {
            items.append("    <article class=\"teaser\">\n      <h2><a href=\"").append(Html.escape(a.uri().getRawPath()))
                    .append("\">").append(Html.escape(a.title())).append("</a></h2>\n      <p><time datetime=\"")
                    .append(Html.iso(a.published())).append("\">").append(SHOWN.format(a.published()))
                    .append("</time></p>\n      <p>").append(Html.escape(Html.teaser(a.paragraphs().get(0), 160)))
                    .append("</p>\n    </article>\n");
        }
        String main = Template.fill(HOME, Map.of("items", items.toString()));
        return frame(name() + " | Serving the harbour towns since 1889", Html.feedLink(view.outlet()), main,
                view.outlet(), view.year());
    }

    private String frame(String pageTitle, String head, String main, Outlet outlet, String year) {
        return Template.fill(FRAME, Map.of("pageTitle", pageTitle, "head", head, "main", main,
                "home", outlet.home().getRawPath(), "year", year));
    }
}
