package dev.rewire.deploy.newsroom;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The Ferrowick Post: a town paper on a blog-style theme. The headline and byline sit outside the story
 * body, which is a {@code <section class="story-body">} of {@code <p>}s with a "Related stories" box
 * inserted after the second paragraph, share links above and below, and the newsletter box after the
 * story. Subheadings are bold paragraphs, as editors paste them.
 */
final class PostTemplate implements OutletTemplate {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("d MMM yyyy '\u00b7' h:mma", Locale.UK).withZone(ZoneOffset.UTC);

    private static final String FRAME = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="UTF-8">
            <title>{{pageTitle}}</title>
            {{{head}}}
            </head>
            <body class="theme-post">
            <div id="page">
            <div class="cookie-notice" role="region" aria-label="Cookie notice">
              <p>We and our advertising partners use cookies and similar technologies to personalise content and
              adverts and to analyse our traffic. <a href="{{home}}#cookie-policy">Read our cookie policy</a>.</p>
              <button type="button" class="accept">Accept</button> <button type="button" class="decline">Decline</button>
            </div>
            <header id="site-header">
              <a id="logo" href="{{home}}">The Ferrowick Post</a>
              <span class="tagline">Ferrowick&#39;s paper, every day</span>
              <nav id="menu">
                <ul class="menu">
                  <li class="menu-item"><a href="{{home}}">Ferrowick</a></li>
                  <li class="menu-item"><a href="{{home}}#brenmouth">Brenmouth</a></li>
                  <li class="menu-item"><a href="{{home}}#business">Business</a></li>
                  <li class="menu-item"><a href="{{home}}#crime">Crime &amp; courts</a></li>
                  <li class="menu-item"><a href="{{home}}#letters">Letters</a></li>
                  <li class="menu-item"><a href="{{home}}#puzzles">Puzzles</a></li>
                </ul>
              </nav>
            </header>
            <div id="content" class="site-content">
            {{{main}}}
            </div>
            <footer id="colophon">
              <div class="footer-about">
                <h4>About the Ferrowick Post</h4>
                <p>The Ferrowick Post was founded by the town&#39;s ironworkers&#39; institute in 1871 and is now
                published by Ferrowick Post Ltd from its offices on Foundry Lane. We cover the borough, its
                courts and council, and the people who make it tick.</p>
              </div>
              <div class="footer-copy">Copyright &copy; {{year}} The Ferrowick Post Ltd. All rights reserved.
              Registered office: 4 Foundry Lane, Ferrowick.</div>
            </footer>
            </div>
            </body>
            </html>
            """;

    private static final String ARTICLE = """
            <div class="headline-wrap">
              <h1 class="entry-title">{{title}}</h1>
              <div class="entry-meta">Words: <a rel="author" href="{{home}}#staff">{{author}}</a> | Published
              <time class="published" datetime="{{iso}}">{{shown}}</time></div>
            </div>
            <div class="share share-top"><a href="#share-facebook">Share on Facebook</a> <a href="#share-x">Share on X</a> <a href="#share-email">Email</a></div>
            <section class="story-body" itemprop="articleBody">
            {{{body}}}
            </section>
            <div class="share share-bottom">Share this story: <a href="#share-facebook">Share on Facebook</a> <a href="#share-x">Share on X</a> <a href="#share-email">Email</a></div>
            <div class="newsletter-box">
              <h3>Get the Post&#39;s evening email</h3>
              <p>The day&#39;s Ferrowick headlines, court results and what&#39;s on, every weekday at 6pm. Free to
              sign up.</p>
              <form action="{{home}}newsletter" method="post"><input type="email" name="email" placeholder="you@example.com">
              <button type="submit">Subscribe</button></form>
            </div>
            """;

    private static final String HOME = """
            <h1 class="page-title">Latest news</h1>
            {{{items}}}
            """;

    @Override
    public String slug() {
        return "ferrowick-post";
    }

    @Override
    public String name() {
        return "The Ferrowick Post";
    }

    /** The "Related stories" box this outlet puts inside the article, after the second paragraph. */
    private static String inlineRelated(java.util.List<DemoArticle> related) {
        if (related.isEmpty()) {
            return "";
        }
        StringBuilder box = new StringBuilder("<aside class=\"inline-related\">\n<h3>Related stories</h3>\n<ul>\n");
        for (DemoArticle r : related) {
            box.append("<li><a href=\"").append(Html.escape(r.uri().getRawPath())).append("\">")
                    .append(Html.escape(r.title())).append("</a></li>\n");
        }
        return box.append("</ul>\n</aside>\n").toString();
    }

    @Override
    public String articlePage(ArticleView view) {
        DemoArticle a = view.article();
        String body = Html.body(a, "<p><strong>", "</strong></p>\n", "<p>", "</p>\n",
                i -> i == 1 ? inlineRelated(view.related()) : "");
        String main = Template.fill(ARTICLE, Map.of(
                "title", a.title(),
                "author", a.author(),
                "iso", Html.iso(a.published()),
                "shown", SHOWN.format(a.published()),
                "home", a.outlet().home().getRawPath(),
                "body", body));
        return frame(a.title() + " \u2013 The Ferrowick Post", Html.articleHead(a), main, a.outlet(), view.year());
    }

    @Override
    public String homePage(HomeView view) {
        StringBuilder items = new StringBuilder();
        for (DemoArticle a : view.articles()) {
            items.append("<div class=\"post-summary\"><h2 class=\"entry-title\"><a href=\"")
                    .append(Html.escape(a.uri().getRawPath())).append("\">").append(Html.escape(a.title()))
                    .append("</a></h2><span class=\"date\">").append(SHOWN.format(a.published()))
                    .append("</span><p>").append(Html.escape(Html.teaser(a.paragraphs().get(0), 150)))
                    .append("</p></div>\n");
        }
        String main = Template.fill(HOME, Map.of("items", items.toString()));
        return frame("The Ferrowick Post \u2013 Ferrowick's paper, every day", Html.feedLink(view.outlet()), main,
                view.outlet(), view.year());
    }

    private String frame(String pageTitle, String head, String main, Outlet outlet, String year) {
        return Template.fill(FRAME, Map.of("pageTitle", pageTitle, "head", head, "main", main,
                "home", outlet.home().getRawPath(), "year", year));
    }
}
