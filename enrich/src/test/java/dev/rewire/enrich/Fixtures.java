package dev.rewire.enrich;

import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Test inputs for fictional outlets, written for this project. The Harbour Ledger and the Valley Courier
 * publish the same (syndicated) report in different page templates.
 */
public final class Fixtures {

    public static final String LEDGER_URL = "https://harbourledger.example/news/2031/night-ferry-approved?utm_source=feed";
    public static final String LEDGER_CANONICAL = "https://harbourledger.example/news/2031/night-ferry-approved";
    public static final String COURIER_URL = "https://valleycourier.example/regional/night-ferry-gullrock";
    public static final String TITLE = "Night ferry to Gullrock approved after long debate";

    public static final String P1 = "Councillors in Portwick voted nine to four on Tuesday evening to fund a night ferry"
            + " between the harbour and the island of Gullrock, ending a dispute that has run since the old service was cut.";
    public static final String P2 = "The new crossing will leave the north quay at 23:40 and return shortly after one in"
            + " the morning, six nights a week, starting in the autumn.";
    public static final String H2 = "Cost questions remain";
    public static final String P3 = "Opponents said the yearly subsidy of 410,000 crowns would be better spent on the bus"
            + " network, and asked for a review after the first winter.";
    public static final String QUOTE = "“People on the island have waited long enough for a way home after a late shift,”"
            + " said deputy mayor Tomas Reinholt.";

    /** The Ledger's page: cookie banner, masthead and menu, share tools, related list, newsletter box, footer. */
    public static final String LEDGER_HTML = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
              <meta charset="utf-8">
              <title>%1$s | The Harbour Ledger</title>
              <link rel="canonical" href="/news/2031/night-ferry-approved">
              <script type="application/ld+json">
                {"@context": "https://schema.org", "@graph": [
                  {"@type": "WebSite", "name": "The Harbour Ledger"},
                  {"@type": "NewsArticle", "headline": "%1$s", "datePublished": "2031-04-02T07:30:00+01:00",
                   "author": [{"@type": "Person", "name": "Mirela Okafor"}]}]}
              </script>
              <style>body { font-family: serif; }</style>
            </head>
            <body class="single-post">
              <div id="cookie-banner"><p>We use cookies to improve your visit. Accept all or manage your choices.</p>
                <button>Accept all</button></div>
              <header class="masthead"><a href="/">The Harbour Ledger</a>
                <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
                  <li><a href="/opinion">Opinion and letters</a></li></ul></nav></header>
              <main>
                <article>
                  <header><h1>%1$s</h1><p class="byline">By Mirela Okafor, harbour correspondent</p></header>
                  <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
                  <p>%2$s</p>
                  <p>%3$s</p>
                  <h2>%4$s</h2>
                  <p>%5$s</p>
                  <blockquote><p>%6$s</p></blockquote>
                  <p>Share this article</p>
                  <ul class="related-links"><li><a href="/a">Harbour dredging delayed again</a></li>
                    <li><a href="/b">Gullrock school to reopen in spring</a></li></ul>
                </article>
                <aside><h3>Most read</h3><ol><li>Fish market prices climb for a third week</li></ol></aside>
              </main>
              <section class="newsletter-signup"><p>Get the morning briefing in your inbox every weekday.</p>
                <form><input type="email"><button>Sign up</button></form></section>
              <footer><p>© 2031 The Harbour Ledger. All rights reserved.</p><p><a href="/c">Contact</a> | <a href="/p">Privacy</a></p></footer>
            </body>
            </html>
            """.formatted(TITLE, P1, P2, H2, P3, QUOTE);

    /** The Courier's copy of the same report: another template, straight quotes, no {@code <article>}. */
    public static final String COURIER_HTML = """
            <html lang="en">
            <head>
              <meta property="og:site_name" content="Valley Courier">
              <meta property="og:title" content="%1$s - Valley Courier">
              <meta property="article:published_time" content="2031-04-02T09:00:00Z">
              <meta name="author" content="Staff reporter">
            </head>
            <body>
              <div class="top-bar"><a href="/">Valley Courier</a> <span class="social-icons">Facebook Twitter</span></div>
              <div class="layout">
                <div class="story-body" itemprop="articleBody">
                  <p>%2$s</p>
                  <p>%3$s</p>
                  <h3>%4$s</h3>
                  <p>%5$s</p>
                  <p>%6$s</p>
                </div>
                <div class="comments"><p>Leave a comment below. Please keep it civil and on topic.</p></div>
                <div id="promo-box"><p>Subscribe today and get three months of the Courier for the price of one.</p></div>
              </div>
              <div class="footer-links">Copyright © 2031 Valley Courier Ltd</div>
            </body>
            </html>
            """.formatted(TITLE, P1, P2, H2, P3, QUOTE.replace('“', '"').replace('”', '"'));

    /** A page copied as text, with the theme's furniture on lines of its own. */
    public static final String LAKESIDE_TEXT = """
            Skip to content
            Site icon The Lakeside Echo
            Weather

            Storm closes the Korvalen pass for a second day

            Published

            on

            Snow drifts of up to two metres kept the Korvalen pass shut on Wednesday, and road crews said it would stay closed at least until Friday morning.

            Share this

            About forty lorries are waiting in the valley car park at Ostmark, where volunteers handed out hot soup overnight.
            The regional road office said a convoy may be allowed through once the wind drops below sixty kilometres an hour.

            Copyright © 2031 Lakeside Echo Media. All rights reserved. Content on this site is for information only.
            Exit mobile version
            """;

    private Fixtures() {
    }

    public static RawArticle html(String url, String outlet, String body, Instant fetchedAt) {
        return new RawArticle(RawArticle.SCHEMA_VERSION, UUID.randomUUID().toString(), url, url, outlet, fetchedAt,
                RawArticle.HTML, body, "page", null, null, false);
    }

    public static RawArticle text(String url, String outlet, String body, String title, Instant fetchedAt) {
        return new RawArticle(RawArticle.SCHEMA_VERSION, UUID.randomUUID().toString(), url, url, outlet, fetchedAt,
                RawArticle.TEXT, body, "file", null, title, false);
    }

    public static byte[] bytes(RawArticle raw) {
        return Json.write(raw).getBytes(StandardCharsets.UTF_8);
    }
}
