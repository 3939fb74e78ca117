package dev.rewire.deploy.newsroom;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Corvane Wire: a news agency's terse site. No article wrapper at all: headline, meta line, share tools
 * and the body paragraphs with {@code <h2>} subheadings sit directly in {@code <main>}; a privacy notice
 * opens the page, "More from the wire" and the briefing sign-up follow {@code <main>} as asides.
 */
final class WireTemplate implements OutletTemplate {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("MMMM d, yyyy h:mm a 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final String FRAME = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{pageTitle}}</title>
            {{{head}}}
            </head>
            <body>
            <section class="privacy-notice" aria-label="Privacy notice">
              <h2>Your privacy choices</h2>
              <p>Corvane Wire and a small number of partners use cookies and store information on your device to run
              this site, measure audiences and improve our services. You can change your choice whenever you like
              from the privacy link at the bottom of every page.</p>
              <button type="button">Agree and continue</button> <button type="button">Reject non-essential</button>
            </section>
            <nav class="wire-nav">
              <a class="brand" href="{{home}}">CORVANE WIRE</a>
              <a href="{{home}}#world">World</a> | <a href="{{home}}#business">Business</a> |
              <a href="{{home}}#markets">Markets</a> | <a href="{{home}}#regions">Regions</a> |
              <a href="{{home}}#data">Data</a> | <a href="{{home}}#clients">For clients</a>
            </nav>
            {{{main}}}
            {{{more}}}
            <aside class="briefing">
              <h3>The Corvane Briefing</h3>
              <p>The five stories moving markets and regions, in one email each weekday at 6am GMT.</p>
              <form action="{{home}}briefing" method="post"><input type="email" name="email" placeholder="Work email">
              <button type="submit">Get the briefing</button></form>
            </aside>
            <footer class="wire-footer">
              <p class="about">Corvane Wire is an independent news agency. Its reporters file text, pictures and
              data to newspapers, broadcasters and websites across the Brenmouth region and beyond, under licence.</p>
              <p class="legal">&copy; {{year}} Corvane Wire Ltd. All rights reserved. Redistribution or
              republication without a licence is prohibited. <a href="{{home}}#privacy">Privacy</a></p>
            </footer>
            </body>
            </html>
            """;

    private static final String ARTICLE = """
            <main id="content">
            <h1 class="headline">{{title}}</h1>
            <p class="meta">By <span class="author">{{author}}</span> &middot; <time datetime="{{iso}}">{{shown}}</time></p>
            <div class="share-tools"><span>Share on LinkedIn</span> <span>Share on X</span> <span>Share by email</span> <span>Print</span></div>
            {{{body}}}
            </main>
            """;

    private static final String HOME = """
            <main id="content">
            <h1 class="headline">Latest from the wire</h1>
            <ul class="wire-list">
            {{{items}}}
            </ul>
            </main>
            """;

    @Override
    public String slug() {
        return "corvane-wire";
    }

    @Override
    public String name() {
        return "Corvane Wire";
    }

    @Override
    public String articlePage(ArticleView view) {
        DemoArticle a = view.article();
        String body = Html.body(a, "<h2>", "</h2>\n", "<p>", "</p>\n", i -> "");
        String main = Template.fill(ARTICLE, Map.of(
                "title", a.title(),
                "author", a.author(),
                "iso", Html.iso(a.published()),
                "shown", SHOWN.format(a.published()),
                "body", body));
        return frame(a.title() + " | Corvane Wire", Html.articleHead(a), main, more(view.related()),
                a.outlet(), view.year());
    }

    @Override
    public String homePage(HomeView view) {
        StringBuilder items = new StringBuilder();
        for (DemoArticle a : view.articles()) {
            items.append("<li><time datetime=\"").append(Html.iso(a.published())).append("\">")
                    .append(SHOWN.format(a.published())).append("</time> &ndash; <a href=\"")
                    .append(Html.escape(a.uri().getRawPath())).append("\">").append(Html.escape(a.title()))
                    .append("</a></li>\n");
        }
        String main = Template.fill(HOME, Map.of("items", items.toString()));
        return frame("Corvane Wire | Latest", Html.feedLink(view.outlet()), main, "", view.outlet(), view.year());
    }

    private static String more(List<DemoArticle> related) {
        StringBuilder out = new StringBuilder("<aside class=\"more-from-wire\">\n<h3>More from the wire</h3>\n<ul>\n");
        for (DemoArticle r : related) {
            out.append("<li><a href=\"").append(Html.escape(r.uri().getRawPath())).append("\">")
                    .append(Html.escape(r.title())).append("</a></li>\n");
        }
        return out.append("</ul>\n</aside>").toString();
    }

    private String frame(String pageTitle, String head, String main, String more, Outlet outlet, String year) {
        return Template.fill(FRAME, Map.of("pageTitle", pageTitle, "head", head, "main", main, "more", more,
                "home", outlet.home().getRawPath(), "year", year));
    }
}
