package dev.rewire.enrich.extract;

import dev.rewire.enrich.boilerplate.BoilerplateChain;
import dev.rewire.model.RawArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extracts an article from plain text (a page copied as text, a file, a JSONL {@code text} field). Exists
 * because such inputs carry the page's furniture as separate lines, with no markup to tell it apart.
 *
 * <p>Each non-blank line is a paragraph (runs of blank lines collapse); lines claimed by the boilerplate
 * chain are dropped and counted. The title is the input's title hint when there is one, else the first
 * remaining line when it is headline-shaped (2–25 words, not ending in a full stop, colon, semicolon,
 * comma or ellipsis, more text after it). A first paragraph repeating the title and consecutive repeated
 * paragraphs are dropped. The language is guessed from the text ({@link LanguageGuesser}); the byline stays
 * unknown; the publication time is the input's hint.
 */
public final class PlainTextExtractor implements ArticleExtractor {

    private static final int MAX_TITLE_WORDS = 25;

    private final BoilerplateChain rules;

    /** With the default boilerplate rules. */
    public PlainTextExtractor() {
        this(BoilerplateChain.defaults());
    }

    /** With the given boilerplate rules. */
    public PlainTextExtractor(BoilerplateChain rules) {
        this.rules = rules;
    }

    @Override
    public Extraction extract(RawArticle raw) {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : raw.body().split("\\R")) {
            String p = Paragraphs.collapse(line);
            if (!p.isEmpty()) {
                lines.add(p);
            }
        }
        List<String> kept = rules.filter(lines, counts);
        String title = Paragraphs.collapse(raw.title());
        if (title.isEmpty()) {
            title = kept.size() > 1 && looksLikeHeadline(kept.get(0)) ? kept.get(0) : null;
        }
        List<String> paragraphs = Paragraphs.tidy(kept, title, counts);
        String canonical = raw.finalUrl() != null && !raw.finalUrl().isBlank() ? raw.finalUrl() : raw.url();
        String language = LanguageGuesser.guess(String.join("\n", paragraphs));
        return new Extraction(title, canonical.strip(), null, raw.publishedAt(), language, paragraphs, counts);
    }

    /** A short line that does not end like a sentence: how headlines look when a page is copied as text. */
    static boolean looksLikeHeadline(String line) {
        int words = Extraction.countWords(line);
        if (words < 2 || words > MAX_TITLE_WORDS) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        return ".:;,…".indexOf(last) < 0;
    }
}
