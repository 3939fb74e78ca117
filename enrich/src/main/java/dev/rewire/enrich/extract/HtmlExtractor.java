package dev.rewire.enrich.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rewire.enrich.boilerplate.BoilerplateChain;
import dev.rewire.model.Json;
import dev.rewire.model.RawArticle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A first, honest HTML article extractor built on Jsoup. Exists to turn a fetched page into metadata and
 * body paragraphs without any per-site knowledge; later, learned templates can replace or refine it behind
 * {@link ArticleExtractor}.
 *
 * <ul>
 *   <li>title: {@code og:title}, else {@code <title>} without a trailing " | Outlet" / " - Outlet", else the
 *       first {@code <h1>}, else the input's title hint;</li>
 *   <li>canonical URL: {@code <link rel=canonical>} resolved against the page URL, else the final URL, else
 *       the requested URL;</li>
 *   <li>byline: {@code <meta name=author>}, JSON-LD {@code author}, {@code [rel=author]};</li>
 *   <li>published: JSON-LD {@code datePublished}, publication meta tags (Open Graph, Parse.ly, Sailthru,
 *       Dublin Core …), {@code [itemprop=datePublished]}, {@code <time datetime>}, a date in the URL path,
 *       else the input's hint;</li>
 *   <li>language: guessed from the body text ({@link LanguageGuesser}) when there is enough of it, else the
 *       first two letters of {@code <html lang>};</li>
 *   <li>site name: {@code og:site_name}, {@code application-name}, JSON-LD publisher;</li>
 *   <li>body: furniture elements (script, nav, header, footer, aside, form, …) and elements whose class or
 *       id names share/social/cookie/newsletter/related/comment/promo/subscribe widgets are removed; the main
 *       container is {@code <article>}, else {@code [itemprop=articleBody]}, else {@code <main>}, else the
 *       element holding the most paragraph text, widened to the nearest ancestor holding 40 % of the page's
 *       remaining paragraph text, together with its siblings of the same tag and class (a body split around a
 *       call-out); its blocks (p, h2–h6, li, dt, dd, blockquote, pre, table rows, the bare cells of rows that
 *       hold paragraphs) become paragraphs, except link-dense ones (teasers, cards) and grids of teaser cards
 *       ({@code CardGrid}), filtered by the boilerplate chain; hidden elements, captions and credits go with
 *       the furniture, the author's bio after the text goes too ({@code AuthorBio}); a page of links without
 *       a substantial paragraph is a listing and yields no text.</li>
 * </ul>
 *
 * <p>Removals are counted under {@value #ELEMENT_RULE} and {@value #CLASS_RULE} besides the line rules.
 * Stateless and thread-safe. Jsoup builds and walks the tree without recursion, so deep nesting costs
 * memory, not stack; the caller bounds the input size.
 */
public final class HtmlExtractor implements ArticleExtractor {

    /** Boilerplate count key: furniture elements removed by tag or ARIA role. */
    public static final String ELEMENT_RULE = "html-furniture-element";
    /** Boilerplate count key: elements removed because their class or id names a widget. */
    public static final String CLASS_RULE = "html-furniture-class";

    /** Boilerplate count key: blocks whose text is (nearly) all link text. */
    public static final String LINK_DENSE_RULE = "link-dense-block";

    /** Boilerplate count key: teaser cards of a grid inside the container ({@code CardGrid}). */
    public static final String CARD_RULE = "card-grid";

    /** From this many words on, the guessed language of the text wins over {@code <html lang>}. */
    private static final int TRUST_TEXT_LANGUAGE_WORDS = 50;

    /** Boilerplate count key: the blocks of a page judged to be a listing (home page, section front). */
    public static final String LISTING_RULE = "listing-page";
    /** A page with at least this many link blocks … */
    private static final int LISTING_MIN_LINKS = 12;
    /** … and this many link blocks per kept paragraph is a listing, not an article. */
    private static final double LISTING_LINKS_PER_PARAGRAPH = 1.0;

    /** Share of a block's letters inside links above which the block is a link, not text. */
    private static final double MAX_LINK_SHARE = 0.8;

    /** Meta tags that carry the publication time, most trustworthy first. */
    private static final List<String> PUBLISHED_META = List.of("meta[property=article:published_time]",
            "meta[property=og:published_time]", "meta[name=article:published_time]", "meta[itemprop=datePublished]",
            "meta[name=pubdate]", "meta[name=publishdate]", "meta[name=publish-date]", "meta[name=parsely-pub-date]",
            "meta[name=sailthru.date]", "meta[name=dc.date.issued]", "meta[name=DC.date.issued]", "meta[name=dc.date]",
            "meta[name=DC.date]", "meta[name=date]", "meta[property=og:updated_time]");

    /** Elements that are page furniture by their tag alone. */
    private static final Set<String> FURNITURE_TAGS = Set.of("script", "style", "noscript", "template", "nav",
            "header", "footer", "aside", "form", "iframe", "svg", "button", "dialog", "object", "embed",
            "figcaption", "select", "input", "textarea", "label");
    /** ARIA landmark roles that mean the same as the furniture tags. */
    private static final Set<String> FURNITURE_ROLES = Set.of("navigation", "banner", "contentinfo",
            "complementary", "search");

    /** Whole class/id tokens that name page widgets rather than content. */
    private static final Set<String> WIDGET_TOKENS = Set.of(
            "share", "shares", "sharing", "social", "socials", "cookie", "cookies", "consent", "gdpr",
            "newsletter", "newsletters", "related", "comment", "comments", "promo", "promos", "promoted",
            "promotion", "subscribe", "subscription", "subscriptions", "advert", "advertisement", "ad", "ads",
            "sponsored", "breadcrumb", "breadcrumbs", "popup", "sidebar", "banner",
            // picture captions and credits, hover cards, print-hidden and screen-reader-only chrome
            "caption", "captions", "figcaption", "credit", "credits", "rollover", "tooltip", "popover",
            "hovercard", "noprint",
            // page footers, recirculation and ad networks, tag lists, pagers, author boxes, ratings, sign-up walls
            "footer", "masthead", "outbrain", "taboola", "tags", "byline", "pagination", "pager", "signup",
            "paywall", "recirc", "trending", "popular", "bio", "author", "rating", "ratings");
    /** Whole class names (before token splitting) that hide an element from readers or from print. */
    private static final Set<String> HIDDEN_CLASSES = Set.of("sr-only", "visually-hidden", "screen-reader-text",
            "d-none", "d-print-none", "no-print", "hidden-print", "print-hidden", "print-hide", "hide-print",
            "is-hidden", "u-hidden", "wp-caption-text", "hidden", "invisible");
    /** Prefixes of run-together class names ("sharebar", "relatedposts", "newsletterbox"). */
    private static final List<String> WIDGET_PREFIXES = List.of(
            "share", "social", "cookie", "newsletter", "related", "promo", "subscribe");
    private static final Pattern HIDDEN_STYLE = Pattern.compile(
            "(?i)(^|;)\\s*(display\\s*:\\s*none|visibility\\s*:\\s*hidden)");

    private static final Set<String> BLOCKS = Set.of("p", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
            "pre", "tr");
    private static final Pattern LANG = Pattern.compile("([a-zA-Z]{2})([-_].*)?");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+([|\\-–—•·]|::)\\s+");
    private static final Pattern BY_PREFIX = Pattern.compile("(?i)^by\\s+");
    /** A main-container candidate must hold at least this share of the page's paragraph text. */
    private static final double MIN_CONTAINER_SHARE = 0.25;
    /** The container is widened until it holds this share of the page's paragraph text. */
    private static final double MIN_COVERED_SHARE = 0.4;

    private final BoilerplateChain rules;

    /** With the default boilerplate rules. */
    public HtmlExtractor() {
        this(BoilerplateChain.defaults());
    }

    /** With the given boilerplate rules. */
    public HtmlExtractor(BoilerplateChain rules) {
        this.rules = rules;
    }

    @Override
    public Extraction extract(RawArticle raw) {
        String pageUrl = raw.finalUrl() != null && !raw.finalUrl().isBlank() ? raw.finalUrl().strip() : raw.url().strip();
        Document doc = Jsoup.parse(raw.body(), pageUrl);
        TimeBudget.check();

        // Metadata first: the furniture removal below deletes <header>, where titles and bylines often live.
        List<JsonNode> jsonLd = jsonLdArticles(doc);
        Elements metas = doc.getElementsByTag("meta"); // once: every metadata lookup reads them
        String title = title(doc, metas, raw);
        String canonical = canonical(doc, pageUrl);
        String byline = byline(doc, metas, jsonLd);
        Instant published = published(doc, metas, jsonLd, raw);
        String language = language(doc);

        Map<String, Integer> counts = new TreeMap<>();
        Element body = doc.body();
        // An estimate of the number of elements (about one per 150 characters of HTML) to size the tree facts.
        int elements = removeFurniture(body, counts, raw.body().length() / 150);
        TimeBudget.check();
        LooseText.wrap(body); // text outside <p> (divs split by <br>) becomes paragraphs too
        TreeStats stats = TreeStats.of(body, elements); // after the removals: they change where the text is
        TimeBudget.check();
        Element container = widen(mainContainer(body, stats), stats);
        List<String> blocks = new ArrayList<>();
        for (Element part : SplitBody.parts(container, stats::paragraphText)) {
            blocks.addAll(blocks(part, stats, CardGrid.cards(part), counts));
        }
        List<String> kept = rules.filter(blocks, counts);
        List<String> paragraphs = AuthorBio.dropTrailing(Paragraphs.tidy(kept, title, counts), counts);
        if (isListing(counts.getOrDefault(LINK_DENSE_RULE, 0), paragraphs)) {
            // A home page, section front or search result: links to articles, no article. Its teaser texts
            // are not a story, so nothing is kept and the clean stage rejects the page as no-article.
            counts.merge(LISTING_RULE, paragraphs.size(), Integer::sum);
            paragraphs = List.of();
        }
        // The text decides the language when it can: <html lang> is often a theme's default ("en-US" on pages
        // in Portuguese); the attribute is the fallback for short texts.
        String bodyText = String.join("\n", paragraphs);
        String guessed = LanguageGuesser.guess(bodyText);
        if (guessed != null && (language == null || Extraction.countWords(bodyText, TRUST_TEXT_LANGUAGE_WORDS) >= TRUST_TEXT_LANGUAGE_WORDS)) {
            language = guessed;
        }
        return new Extraction(title, canonical, byline, published, language, paragraphs, counts,
                siteName(metas, jsonLd));
    }

    // ---- metadata ------------------------------------------------------------------------------------

    private static String title(Document doc, Elements metas, RawArticle raw) {
        Set<String> siteNames = siteNames(metas, raw);
        String og = meta(metas, "meta[property=og:title]", "meta[name=og:title]", "meta[name=twitter:title]");
        if (og != null) {
            return stripSiteSuffix(og, siteNames, false);
        }
        Element titleEl = doc.selectFirst("title");
        String t = titleEl == null ? "" : Paragraphs.collapse(titleEl.text());
        if (!t.isEmpty()) {
            return stripSiteSuffix(t, siteNames, true);
        }
        Element h1 = doc.selectFirst("h1");
        String h = h1 == null ? "" : Paragraphs.collapse(h1.text());
        if (!h.isEmpty()) {
            return h;
        }
        String hint = Paragraphs.collapse(raw.title());
        return hint.isEmpty() ? null : hint;
    }

    /** The outlet's own name: {@code og:site_name}, {@code application-name}, else the JSON-LD publisher. */
    private static String siteName(Elements metas, List<JsonNode> jsonLd) {
        String site = meta(metas, "meta[property=og:site_name]", "meta[name=application-name]");
        if (site != null) {
            return site;
        }
        for (JsonNode node : jsonLd) {
            JsonNode publisher = node.get("publisher");
            JsonNode name = publisher == null ? null : publisher.get("name");
            if (name != null && name.isTextual() && !name.asText().isBlank()) {
                return Paragraphs.collapse(name.asText());
            }
        }
        return null;
    }

    private static Set<String> siteNames(Elements metas, RawArticle raw) {
        Set<String> names = new LinkedHashSet<>();
        String site = meta(metas, "meta[property=og:site_name]", "meta[name=application-name]");
        if (site != null) {
            names.add(site);
        }
        if (raw.outlet() != null && !raw.outlet().isBlank()) {
            names.add(raw.outlet());
        }
        return names;
    }

    /**
     * Removes a trailing " | Outlet" (or " - Outlet", " – Outlet", …). The suffix goes when it matches a known
     * site name; with {@code lenient}, also when it is short: at most five words after a bar, at most three
     * capitalised words after a dash.
     */
    static String stripSiteSuffix(String title, Set<String> siteNames, boolean lenient) {
        var m = TITLE_SEPARATOR.matcher(title);
        int start = -1;
        int end = -1;
        String separator = null;
        while (m.find()) {
            start = m.start();
            end = m.end();
            separator = m.group(1);
        }
        if (start <= 0) {
            return title;
        }
        String head = title.substring(0, start).strip();
        String suffix = title.substring(end).strip();
        if (head.isEmpty() || suffix.isEmpty()) {
            return title;
        }
        if (matchesSiteName(suffix, siteNames)) {
            return head;
        }
        if (!lenient) {
            return title;
        }
        int suffixWords = Extraction.countWords(suffix);
        if (("|".equals(separator) || "::".equals(separator) || "•".equals(separator) || "·".equals(separator))
                && suffixWords <= 5) {
            return head;
        }
        boolean capitalised = java.util.Arrays.stream(suffix.split("\\s+"))
                .allMatch(w -> !w.isEmpty() && !Character.isLowerCase(w.codePointAt(0)));
        return suffixWords <= 3 && capitalised && Extraction.countWords(head) >= 4 ? head : title;
    }

    private static boolean matchesSiteName(String suffix, Set<String> siteNames) {
        String s = compact(suffix);
        if (s.length() < 3) {
            return false;
        }
        for (String name : siteNames) {
            String n = compact(name);
            if (n.length() >= 3 && (n.contains(s) || s.contains(n))) {
                return true;
            }
        }
        return false;
    }

    private static String compact(String text) {
        return Paragraphs.key(text).replace(" ", "");
    }

    private static String canonical(Document doc, String pageUrl) {
        Element link = doc.selectFirst("link[rel=canonical][href]");
        if (link != null) {
            String href = link.attr("abs:href").strip();
            String lower = href.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                return href;
            }
        }
        return pageUrl;
    }

    private static String byline(Document doc, Elements metas, List<JsonNode> jsonLd) {
        String author = meta(metas, "meta[name=author]", "meta[property=article:author]");
        if (author != null && !author.toLowerCase(Locale.ROOT).startsWith("http")) {
            return cleanByline(author);
        }
        for (JsonNode node : jsonLd) {
            String names = authorNames(node.get("author"));
            if (names != null) {
                return cleanByline(names);
            }
        }
        Element rel = doc.selectFirst("[rel=author]");
        if (rel != null && !rel.text().isBlank()) {
            return cleanByline(rel.text());
        }
        return null;
    }

    private static String cleanByline(String text) {
        String s = BY_PREFIX.matcher(Paragraphs.collapse(text)).replaceFirst("");
        return s.isEmpty() ? null : s;
    }

    private static String authorNames(JsonNode author) {
        if (author == null || author.isNull()) {
            return null;
        }
        if (author.isTextual()) {
            return author.asText().isBlank() ? null : author.asText();
        }
        if (author.isObject()) {
            JsonNode name = author.get("name");
            return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
        }
        if (author.isArray()) {
            List<String> names = new ArrayList<>();
            author.forEach(a -> {
                String n = authorNames(a);
                if (n != null) {
                    names.add(n);
                }
            });
            return names.isEmpty() ? null : String.join(", ", names);
        }
        return null;
    }

    private static Instant published(Document doc, Elements metas, List<JsonNode> jsonLd, RawArticle raw) {
        for (JsonNode node : jsonLd) {
            JsonNode date = node.get("datePublished");
            Instant t = date != null && date.isTextual() ? Dates.parse(date.asText()) : null;
            if (t != null) {
                return t;
            }
        }
        for (String selector : PUBLISHED_META) {
            Instant meta = Dates.parse(meta(metas, selector));
            if (meta != null) {
                return meta;
            }
        }
        Element itemprop = doc.selectFirst("[itemprop=datePublished]");
        if (itemprop != null) {
            Instant t = Dates.parse(itemprop.hasAttr("datetime") ? itemprop.attr("datetime") : itemprop.attr("content"));
            if (t != null) {
                return t;
            }
        }
        // Not the selector "article time[datetime]": descendant combinators walk every element's ancestors,
        // which is quadratic on deeply nested markup.
        Element article = doc.selectFirst("article");
        Element time = article == null ? null : article.selectFirst("time[datetime]");
        if (time == null) {
            time = doc.selectFirst("time[datetime]");
        }
        Instant t = time == null ? null : Dates.parse(time.attr("datetime"));
        if (t != null) {
            return t;
        }
        // Last resort before the feed's hint: a date in the URL path (/2031/04/02/…, /2031-04-02-…).
        t = Dates.fromUrl(raw.finalUrl() != null && !raw.finalUrl().isBlank() ? raw.finalUrl() : raw.url());
        return t != null ? t : raw.publishedAt();
    }

    private static String language(Document doc) {
        Element html = doc.selectFirst("html");
        String lang = html == null ? "" : html.attr("lang").strip();
        var m = LANG.matcher(lang);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The content of the first of {@code selectors} that has a non-blank {@code content}, collapsed. */
    private static String meta(Elements metas, String... selectors) {
        for (String selector : selectors) {
            // Each selector is "meta[KEY=VALUE]"; matched by hand over the page's meta elements, collected once,
            // with Jsoup's semantics (value compared trimmed and ignoring case): a select() per selector walked
            // the whole document about twenty times per page.
            int open = selector.indexOf('[');
            int eq = selector.indexOf('=', open);
            String key = selector.substring(open + 1, eq);
            String value = selector.substring(eq + 1, selector.length() - 1);
            for (Element el : metas) {
                if (!el.hasAttr(key) || !value.equalsIgnoreCase(el.attr(key).trim())) {
                    continue;
                }
                String v = Paragraphs.collapse(el.attr("content"));
                if (!v.isEmpty()) {
                    return v;
                }
            }
        }
        return null;
    }

    /** JSON-LD nodes describing the article (any type ending in Article or Posting), best first. */
    private static List<JsonNode> jsonLdArticles(Document doc) {
        List<JsonNode> articles = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (Element script : doc.select("script[type=application/ld+json]")) {
            JsonNode root;
            try {
                root = Json.mapper().readTree(script.data());
            } catch (Exception e) {
                continue; // a broken JSON-LD block is common and not a reason to reject the page
            }
            List<JsonNode> nodes = new ArrayList<>();
            flatten(root, nodes, 0);
            for (JsonNode node : nodes) {
                if (isArticleType(node.get("@type"))) {
                    articles.add(node);
                } else if (node.has("datePublished") || node.has("author")) {
                    others.add(node);
                }
            }
        }
        articles.addAll(others);
        return articles;
    }

    private static void flatten(JsonNode node, List<JsonNode> out, int depth) {
        if (node == null || depth > 4) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out, depth + 1));
        } else if (node.isObject()) {
            out.add(node);
            flatten(node.get("@graph"), out, depth + 1);
        }
    }

    private static boolean isArticleType(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isArticleType(t)) {
                    return true;
                }
            }
            return false;
        }
        String t = type.asText("");
        return t.endsWith("Article") || t.endsWith("Posting");
    }

    // ---- body ----------------------------------------------------------------------------------------
    //
    // Every step below is linear in the size of the tree: per-element facts (paragraph text below it, whether
    // it holds blocks or a main container) come from one bottom-up pass, not from a selector per element,
    // so adversarial markup (tens of thousands of nested elements) costs milliseconds, not minutes.

    /** Removes the furniture under {@code body}; returns the number of elements there were before. */
    private static int removeFurniture(Element body, Map<String, Integer> counts, int expectedElements) {
        TreeStats stats = TreeStats.of(body, expectedElements);
        int totalText = stats.paragraphText(body);
        int[] visited = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if ((++visited[0] & 0xfff) == 0) {
                    TimeBudget.check();
                }
                if (!(node instanceof Element el) || el == body) {
                    return FilterResult.CONTINUE;
                }
                String rule = isFurniture(el) ? ELEMENT_RULE : isWidget(el) ? CLASS_RULE : null;
                if (rule == null || isWrapper(el, stats, totalText)) {
                    return FilterResult.CONTINUE;
                }
                counts.merge(rule, 1, Integer::sum);
                return FilterResult.REMOVE; // its descendants go with it, unvisited and uncounted
            }
        }, body);
        return stats.size();
    }

    /**
     * True for elements that hold the article rather than decorate it: page structure, or an element with
     * more than half of the page's paragraph text (whole-page {@code <form>} wrappers, a wrapper carrying a
     * "comments-open" class).
     */
    private static boolean isWrapper(Element el, TreeStats stats, int totalText) {
        String tag = el.normalName();
        if (tag.equals("html") || tag.equals("article") || tag.equals("main")
                || "articleBody".equals(el.attr("itemprop")) || stats.holdsMain(el)) {
            return true;
        }
        return totalText > 0 && stats.paragraphText(el) * 2 > totalText;
    }

    /** By tag, ARIA role or hidden state; checked by hand, as selector matching would walk to the root. */
    private static boolean isFurniture(Element el) {
        return FURNITURE_TAGS.contains(el.normalName()) || el.hasAttr("hidden")
                || el.hasAttr("style") && HIDDEN_STYLE.matcher(el.attr("style")).find()
                || FURNITURE_ROLES.contains(el.attr("role").strip().toLowerCase(Locale.ROOT))
                || "true".equalsIgnoreCase(el.attr("aria-hidden").strip());
    }

    private static boolean isWidget(Element el) {
        String cls = el.attr("class");
        String id = el.attr("id");
        if (cls.isEmpty() && id.isEmpty()) {
            return false;
        }
        // Hand-written scanning, no regex: this runs for every element that has a class or an id.
        int start = -1;
        for (int i = 0; i <= cls.length(); i++) {
            boolean end = i == cls.length() || Character.isWhitespace(cls.charAt(i));
            if (!end && start < 0) {
                start = i;
            } else if (end && start >= 0) {
                if (HIDDEN_CLASSES.contains(cls.substring(start, i).toLowerCase(Locale.ROOT))) {
                    return true;
                }
                start = -1;
            }
        }
        return hasWidgetToken(cls) || hasWidgetToken(id);
    }

    /** Splits {@code names} into lower-case tokens at non-alphanumerics and camel-case humps. */
    private static boolean hasWidgetToken(String names) {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i <= names.length(); i++) {
            char c = i < names.length() ? names.charAt(i) : ' ';
            boolean alnum = c < 128 ? (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
                    : Character.isLetterOrDigit(c);
            boolean hump = alnum && Character.isUpperCase(c) && i > 0 && token.length() > 0
                    && !Character.isUpperCase(names.charAt(i - 1));
            if (!alnum || hump) {
                if (token.length() > 0 && isWidgetToken(token.toString())) {
                    return true;
                }
                token.setLength(0);
            }
            if (alnum) {
                token.append(Character.toLowerCase(c));
            }
        }
        return false;
    }

    private static boolean isWidgetToken(String token) {
        if (WIDGET_TOKENS.contains(token)) {
            return true;
        }
        for (String prefix : WIDGET_PREFIXES) {
            if (token.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Element mainContainer(Element body, TreeStats stats) {
        int total = stats.paragraphText(body);
        Element best = mostText(body.select("article"), stats);
        if (best != null && enough(best, stats, total)) {
            Elements inner = best.select("[itemprop=articleBody]");
            return inner.size() == 1 && enough(inner.first(), stats, total) ? inner.first() : best;
        }
        for (String selector : List.of("[itemprop=articleBody]", "main, [role=main]")) {
            Element candidate = mostText(body.select(selector), stats);
            if (candidate != null && enough(candidate, stats, total)) {
                return candidate;
            }
        }
        // The parent with the most direct paragraph text: a minimal readability-style choice.
        Map<Element, Integer> byParent = new HashMap<>();
        for (Element p : body.select("p")) {
            Element parent = p.parent();
            if (parent != null) {
                byParent.merge(parent, stats.paragraphText(p), Integer::sum);
            }
        }
        return byParent.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .filter(e -> enough(e, stats, total)).orElse(body);
    }

    /**
     * Climbs from {@code container} to the nearest ancestor that holds at least {@link #MIN_COVERED_SHARE} of
     * the page's remaining paragraph text: after the furniture removal most of what is left is the article,
     * and articles built from several sibling sections (page builders, "key takeaways" boxes, FAQ blocks)
     * would otherwise lose every section but the largest. Bounded by the depth of the tree.
     */
    private static Element widen(Element container, TreeStats stats) {
        Element body = container.ownerDocument() == null ? null : container.ownerDocument().body();
        int total = body == null ? 0 : stats.paragraphText(body);
        Element current = container;
        while (current != body && current.parent() != null
                && stats.paragraphText(current) < MIN_COVERED_SHARE * total) {
            current = current.parent();
        }
        return current;
    }

    private static boolean enough(Element candidate, TreeStats stats, int total) {
        return total == 0 || stats.paragraphText(candidate) >= MIN_CONTAINER_SHARE * total;
    }

    private static Element mostText(Elements candidates, TreeStats stats) {
        Element best = null;
        int bestLength = -1;
        for (Element c : candidates) {
            int length = stats.paragraphText(c);
            if (length > bestLength) {
                best = c;
                bestLength = length;
            }
        }
        return best;
    }

    /**
     * The texts of the innermost block elements under {@code container}, in document order. A block whose
     * text is nearly all link text (a teaser headline, a "more stories" entry, a card wrapped in a link) is a
     * pointer to another page, not article text: it is dropped and counted under {@value #LINK_DENSE_RULE}.
     */
    private static List<String> blocks(Element container, TreeStats stats, Set<Element> cards,
            Map<String, Integer> counts) {
        List<String> out = new ArrayList<>();
        int[] insideLink = {0};
        int[] visited = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if ((++visited[0] & 0xfff) == 0) {
                    TimeBudget.check();
                }
                if (!(node instanceof Element el)) {
                    return FilterResult.CONTINUE;
                }
                if (cards.contains(el)) {
                    counts.merge(CARD_RULE, 1, Integer::sum);
                    return FilterResult.SKIP_ENTIRELY; // tail() is not called for it either
                }
                if (el.normalName().equals("a")) {
                    insideLink[0]++;
                }
                if (!(BLOCKS.contains(el.normalName()) || isLooseCell(el, stats)) || stats.holdsBlocks(el)) {
                    return FilterResult.CONTINUE; // a block holding smaller blocks (a layout table, a list of paragraphs)
                }
                String text;
                if (el.normalName().equals("tr")) {
                    List<String> cells = new ArrayList<>();
                    for (Element cell : el.children()) {
                        String c = Paragraphs.collapse(cell.text());
                        if (!c.isEmpty()) {
                            cells.add(c);
                        }
                    }
                    text = String.join("; ", cells); // not a bar: a bar-joined row would read as a link list
                } else {
                    text = Paragraphs.collapse(el.text());
                }
                if (!text.isEmpty() && isLinkDense(el, text, insideLink[0] > 0)) {
                    counts.merge(LINK_DENSE_RULE, 1, Integer::sum);
                } else {
                    out.add(text);
                }
                return FilterResult.SKIP_ENTIRELY;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element el && el.normalName().equals("a")) {
                    insideLink[0]--;
                }
                return FilterResult.CONTINUE;
            }
        }, container);
        out.removeIf(String::isEmpty);
        if (out.isEmpty()) {
            // No block markup at all (a bare text page): fall back to the container's lines.
            for (String line : container.wholeText().split("\\R")) {
                String s = Paragraphs.collapse(line);
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * A table cell without blocks in a row that has some (other cells hold paragraphs): the row is not read as
     * one block then, so such a cell is a block of its own, or its text would be lost.
     */
    private static boolean isLooseCell(Element el, TreeStats stats) {
        String tag = el.normalName();
        Element row = el.parent();
        return (tag.equals("td") || tag.equals("th")) && row != null && row.normalName().equals("tr")
                && stats.holdsBlocks(row);
    }

    private static boolean isListing(int linkBlocks, List<String> paragraphs) {
        int substantial = 0;
        for (String p : paragraphs) {
            if (Extraction.countWords(p, 40) >= 40) {
                substantial++;
            }
        }
        return linkBlocks >= LISTING_MIN_LINKS && substantial == 0
                && linkBlocks >= LISTING_LINKS_PER_PARAGRAPH * Math.max(1, paragraphs.size());
    }

    private static boolean isLinkDense(Element block, String text, boolean insideLink) {
        int letters = letters(text);
        if (letters == 0) {
            return false;
        }
        if (insideLink) {
            return true;
        }
        return linkedLetters(block) > MAX_LINK_SHARE * letters;
    }

    /**
     * The letters and digits of the text of every {@code <a>} in {@code block} (the block itself included),
     * summed over the links as {@code letters(a.text())} would be, nested links counting once per link; one
     * walk over the text nodes, without building the links' texts.
     */
    private static int linkedLetters(Element block) {
        int[] linked = {0};
        int[] depth = {0};
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int d) {
                if (node instanceof Element el && el.normalName().equals("a")) {
                    depth[0]++;
                } else if (depth[0] > 0 && node instanceof TextNode t) {
                    linked[0] += depth[0] * letters(t.getWholeText());
                }
            }

            @Override
            public void tail(Node node, int d) {
                if (node instanceof Element el && el.normalName().equals("a")) {
                    depth[0]--;
                }
            }
        }, block);
        return linked[0];
    }

    private static int letters(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Facts about every element of a subtree, gathered in one post-order walk: the length of paragraph text
     * ({@code p}, {@code pre}) below it, whether a block element lies below it, and whether a main container
     * ({@code article}, {@code main}, {@code [itemprop=articleBody]}) lies below it.
     */
    private static final class TreeStats {
        private static final int HOLDS_BLOCKS = 1;
        private static final int HOLDS_MAIN = 2;

        private final Map<Element, int[]> facts;

        private TreeStats(int expectedElements) {
            // Sized up front: growing an identity map over thousands of elements rehashes it again and again.
            facts = new IdentityHashMap<>(Math.max(32, Math.min(expectedElements, 1 << 20)));
        }

        int size() {
            return facts.size();
        }

        /** The facts of every element under {@code root}; {@code expectedElements} sizes the map. */
        static TreeStats of(Element root, int expectedElements) {
            TreeStats stats = new TreeStats(expectedElements);
            Deque<int[]> open = new ArrayDeque<>();
            int[] insideParagraph = {0};
            int[] visited = {0};
            NodeTraversor.traverse(new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    if ((++visited[0] & 0xfff) == 0) {
                        TimeBudget.check();
                    }
                    if (node instanceof Element el) {
                        open.push(new int[2]);
                        if (isParagraph(el)) {
                            insideParagraph[0]++;
                        }
                    } else if (node instanceof TextNode text && insideParagraph[0] > 0 && !open.isEmpty()) {
                        open.peek()[0] += text.text().length();
                    }
                }

                @Override
                public void tail(Node node, int depth) {
                    if (!(node instanceof Element el)) {
                        return;
                    }
                    int[] mine = open.pop();
                    stats.facts.put(el, mine);
                    if (isParagraph(el)) {
                        insideParagraph[0]--;
                    }
                    int[] parent = open.peek();
                    if (parent != null) {
                        parent[0] += mine[0];
                        parent[1] |= mine[1];
                        if (BLOCKS.contains(el.normalName())) {
                            parent[1] |= HOLDS_BLOCKS;
                        }
                        if (isMain(el)) {
                            parent[1] |= HOLDS_MAIN;
                        }
                    }
                }
            }, root);
            return stats;
        }

        private static boolean isParagraph(Element el) {
            String tag = el.normalName();
            return tag.equals("p") || tag.equals("pre");
        }

        private static boolean isMain(Element el) {
            String tag = el.normalName();
            return tag.equals("article") || tag.equals("main") || "articleBody".equals(el.attr("itemprop"));
        }

        int paragraphText(Element el) {
            int[] f = facts.get(el);
            return f == null ? 0 : f[0];
        }

        boolean holdsBlocks(Element el) {
            int[] f = facts.get(el);
            return f != null && (f[1] & HOLDS_BLOCKS) != 0;
        }

        boolean holdsMain(Element el) {
            int[] f = facts.get(el);
            return f != null && (f[1] & HOLDS_MAIN) != 0;
        }
    }
}
