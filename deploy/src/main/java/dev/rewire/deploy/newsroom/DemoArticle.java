package dev.rewire.deploy.newsroom;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One article page of the demo newsroom, exposed read-only so that tests can compute what the pipeline
 * should make of the pages: articles with the same {@link #storyKey()} tell the same story (and should be
 * grouped), articles with different keys must stay apart, and {@link #kind()} says which relation the
 * article has to its story.
 *
 * <p>{@link #paragraphs()} is the body text exactly as written (paragraphs only, unescaped);
 * {@link #subheadings()} maps a paragraph index to the subheading shown just before that paragraph, if
 * any. The {@link #published()} time, and with it the date in the {@link #uri()}, follows the newsroom's
 * release schedule: an article is served from that instant on.
 *
 * @param outlet       the outlet that publishes it
 * @param slug         the last path segment, without {@code .html}
 * @param title        the headline (plain text; may contain characters that need escaping)
 * @param author       the byline's name
 * @param published    when it is (or will be) released; also its {@code datePublished}
 * @param storyKey     identifies the story: equal keys mean the same event
 * @param kind         how it relates to the story
 * @param paragraphs   the body paragraphs, plain text
 * @param subheadings  paragraph index to the subheading that precedes that paragraph
 * @param uri          the absolute URI of the article page
 * @param releaseIndex position in the release order, from 0
 */
public record DemoArticle(
        Outlet outlet,
        String slug,
        String title,
        String author,
        Instant published,
        String storyKey,
        Kind kind,
        List<String> paragraphs,
        Map<Integer, String> subheadings,
        URI uri,
        int releaseIndex) {

    /**
     * How an article relates to its story; mirrors what the pipeline's story grouping should decide
     * (original, exact copy, rewrite), with outlet-exclusive stories told apart from originals that others
     * go on to rewrite.
     */
    public enum Kind {
        /** The first article of a story that other outlets go on to cover. */
        ORIGINAL,
        /** Another outlet's paraphrase: same event, names and numbers, different wording and order. */
        REWRITE,
        /** Wire copy republished by another outlet: identical body text. */
        SYNDICATED,
        /** A story only one outlet carries: the sole member of its story. */
        EXCLUSIVE
    }

    public DemoArticle {
        Objects.requireNonNull(outlet, "outlet");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(storyKey, "storyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uri, "uri");
        paragraphs = List.copyOf(paragraphs);
        subheadings = Map.copyOf(subheadings);
    }

    /** The body as plain text: the paragraphs separated by one blank line (subheadings left out). */
    public String bodyText() {
        return String.join("\n\n", paragraphs);
    }
}
