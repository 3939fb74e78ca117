package dev.rewire.deploy.newsroom;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Vellbrook Valley Courier: a regional paper on an ageing CMS that emits div soup. No {@code <article>},
 * no {@code <p>} in the story: every paragraph is a {@code <div class="art__p">}, subheadings are bold
 * divs, and an advertisement slot and a "READ MORE" link are wedged between paragraphs. The "Trending
 * now" list and the newsletter box sit in a sidebar; the cookie bar comes last in the page.
 */
final class CourierTemplate implements OutletTemplate {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.UK).withZone(ZoneOffset.UTC);

    private static final String FRAME = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
            <title>{{pageTitle}}</title>
            {{{head}}}
            </head>
            <body class="pg pg--{{pageKind}}">
            <div class="wrap">
             <div class="top-strip"><div class="top-strip__in"><a href="{{home}}#subscribe">Subscribe</a> | <a href="{{home}}#login">Sign in</a> | <a href="{{home}}#epaper">Today&#39;s e-paper</a></div></div>
             <div class="hdr">
              <div class="hdr__logo"><a href="{{home}}"><span class="logo-txt">Vellbrook Valley Courier</span></a></div>
              <div class="hdr__nav">
               <div class="nav-item"><a href="{{home}}">Home</a></div>
               <div class="nav-item"><a href="{{home}}#news">News</a></div>
               <div class="nav-item"><a href="{{home}}#farming">Farming</a></div>
               <div class="nav-item"><a href="{{home}}#whats-on">What&#39;s On</a></div>
               <div class="nav-item"><a href="{{home}}#sport">Sport</a></div>
               <div class="nav-item"><a href="{{home}}#jobs">Jobs</a></div>
               <div class="nav-item"><a href="{{home}}#announcements">Announcements</a></div>
              </div>
             </div>
             <div class="cols">
              <div class="col col--main">
            {{{main}}}
              </div>
              <div class="col col--side">
               <div class="box box--trending"><div class="box__ttl">Trending now</div><ol class="box__list">
            {{{trending}}}
               </ol></div>
               <div class="box box--nl"><div class="box__ttl">Courier Daily</div><div class="box__txt">Get the valley&#39;s news before breakfast with our free daily email, plus a farming round-up every Friday.</div><div class="box__form"><input type="email" placeholder="Your email address"><div class="btn btn--nl">Subscribe</div></div></div>
              </div>
             </div>
             <div class="ftr">
              <div class="ftr__about"><div class="ftr__ttl">About us</div><div class="ftr__txt">The Vellbrook Valley Courier has reported on the market towns, mills and farms of the valley since 1902. Since 2019 the paper has been owned by a co-operative of its readers and staff.</div></div>
              <div class="ftr__links"><a href="{{home}}#advertise">Advertise with us</a> <a href="{{home}}#contact">Contact</a> <a href="{{home}}#cookies">Cookie policy</a></div>
              <div class="ftr__copy">Copyright &copy; {{year}} Vellbrook Valley Courier Co-operative Ltd. All rights reserved. No part of this website may be reproduced without permission.</div>
             </div>
            </div>
            <div class="cc-bar" id="cc-bar"><div class="cc-bar__txt">This website uses cookies to improve your experience and to show you relevant adverts. By continuing to browse the site you are agreeing to our use of cookies.</div><div class="cc-bar__btns"><div class="cc-btn cc-btn--ok">OK, got it</div><div class="cc-btn">Cookie settings</div></div></div>
            </body>
            </html>
            """;

    private static final String ARTICLE = """
               <div class="art">
                <div class="art__crumbs"><a href="{{home}}">Home</a> &rsaquo; <a href="{{home}}#news">News</a></div>
                <div class="art__hd"><h1 class="art__ttl">{{title}}</h1></div>
                <div class="art__meta"><div class="art__by">Reporter: <span class="art__author">{{author}}</span></div><div class="art__dt"><time datetime="{{iso}}">{{shown}}</time></div></div>
                <div class="art__share"><div class="shr shr--fb">Share on Facebook</div><div class="shr shr--x">Share on X</div><div class="shr shr--wa">Share on WhatsApp</div><div class="shr shr--link">Copy link</div></div>
                <div class="art__body">
            {{{body}}}
                </div>
                <div class="art__foot"><div class="art__tip">Got a story? Contact the Courier newsdesk, or message us on our tip line.</div></div>
               </div>
            """;

    private static final String HOME = """
               <div class="lst">
                <div class="lst__hd"><h1>Latest Vellbrook news</h1></div>
            {{{items}}}
               </div>
            """;

    @Override
    public String slug() {
        return "vellbrook-courier";
    }

    @Override
    public String name() {
        return "Vellbrook Valley Courier";
    }

    @Override
    public String articlePage(ArticleView view) {
        DemoArticle a = view.article();
        String body = Html.body(a, "     <div class=\"art__sub\"><b>", "</b></div>\n",
                "     <div class=\"art__p\">", "</div>\n", i -> {
                    if (i == 1) {
                        return "     <div class=\"ad-slot ad-slot--mpu\"><div class=\"ad-slot__lbl\">Advertisement</div></div>\n";
                    }
                    if (i == 2 && !view.related().isEmpty()) {
                        DemoArticle more = view.related().get(0);
                        return "     <div class=\"art__readmore\"><b>READ MORE:</b> <a href=\""
                                + Html.escape(more.uri().getRawPath()) + "\">" + Html.escape(more.title()) + "</a></div>\n";
                    }
                    return "";
                });
        String main = Template.fill(ARTICLE, Map.of(
                "title", a.title(),
                "author", a.author(),
                "iso", Html.iso(a.published()),
                "shown", SHOWN.format(a.published()),
                "home", a.outlet().home().getRawPath(),
                "body", body));
        return frame(a.title() + " - Vellbrook Valley Courier", "article", Html.articleHead(a), main,
                trending(view.related()), a.outlet(), view.year());
    }

    @Override
    public String homePage(HomeView view) {
        StringBuilder items = new StringBuilder();
        for (DemoArticle a : view.articles()) {
            items.append("    <div class=\"lst__item\"><div class=\"lst__ttl\"><a href=\"")
                    .append(Html.escape(a.uri().getRawPath())).append("\">").append(Html.escape(a.title()))
                    .append("</a></div><div class=\"lst__dt\">").append(SHOWN.format(a.published()))
                    .append("</div><div class=\"lst__txt\">").append(Html.escape(Html.teaser(a.paragraphs().get(0), 140)))
                    .append("</div></div>\n");
        }
        String main = Template.fill(HOME, Map.of("items", items.toString()));
        return frame("Vellbrook Valley Courier - News from the valley", "home", Html.feedLink(view.outlet()), main,
                trending(view.articles().stream().limit(5).toList()), view.outlet(), view.year());
    }

    private static String trending(java.util.List<DemoArticle> articles) {
        StringBuilder out = new StringBuilder();
        for (DemoArticle r : articles) {
            out.append("    <li class=\"box__item\"><a href=\"").append(Html.escape(r.uri().getRawPath())).append("\">")
                    .append(Html.escape(r.title())).append("</a></li>\n");
        }
        return out.toString();
    }

    private String frame(String pageTitle, String pageKind, String head, String main, String trending,
                         Outlet outlet, String year) {
        return Template.fill(FRAME, Map.of("pageTitle", pageTitle, "pageKind", pageKind, "head", head,
                "main", main, "trending", trending, "home", outlet.home().getRawPath(), "year", year));
    }
}
