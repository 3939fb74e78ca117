package dev.rewire.enrich.extract;

import dev.rewire.model.RawArticle;

/**
 * Chooses the extractor for an input by its content type: plain text goes to {@link PlainTextExtractor},
 * everything else is treated as HTML (Jsoup copes with fragments and with text that has no tags).
 */
public final class Extractors implements ArticleExtractor {

    private final ArticleExtractor html;
    private final ArticleExtractor text;

    /** Dispatches to the two given extractors. */
    public Extractors(ArticleExtractor html, ArticleExtractor text) {
        this.html = html;
        this.text = text;
    }

    /** The default pair: {@link HtmlExtractor} and {@link PlainTextExtractor} with the default rules. */
    public static Extractors defaults() {
        return new Extractors(new HtmlExtractor(), new PlainTextExtractor());
    }

    @Override
    public Extraction extract(RawArticle raw) {
        return raw.isPlainText() ? text.extract(raw) : html.extract(raw);
    }
}
