package dev.rewire.enrich.extract;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drops the author's biography that templates print after the article ("Dana Reyes is a freelance writer
 * based in …", "Sam Ortiz is the director of research at …"). It describes the writer, not the story, and it
 * comes last: only trailing paragraphs are judged, from the end, and the text is never emptied.
 *
 * <p>A bio opens with a capitalised name of two to four words, "is"/"was" and an article, and names a
 * writing or professional role within its first sentence or so; at most {@link #MAX_WORDS} words.
 */
final class AuthorBio {

    /** Boilerplate count key. */
    static final String RULE = "author-bio";

    static final int MAX_WORDS = 150;

    private static final Pattern BIO = Pattern.compile(
            "\\p{Lu}[\\p{L}.'’-]+( \\p{Lu}[\\p{L}.'’-]+){1,3} (is|was) (a|an|the)\\b.{0,200}?\\b(writer|editor|journalist"
                    + "|reporter|author|contributor|columnist|correspondent|photographer|blogger|director|founder"
                    + "|expert|specialist|strategist|consultant)s?\\b");

    private AuthorBio() {
    }

    /** {@code paragraphs} without its trailing author bios (counted in {@code counts}); the same list if none. */
    static List<String> dropTrailing(List<String> paragraphs, Map<String, Integer> counts) {
        int end = paragraphs.size();
        while (end > 1 && isBio(paragraphs.get(end - 1))) {
            end--;
        }
        if (end == paragraphs.size()) {
            return paragraphs;
        }
        counts.merge(RULE, paragraphs.size() - end, Integer::sum);
        return List.copyOf(paragraphs.subList(0, end));
    }

    static boolean isBio(String paragraph) {
        return Extraction.countWords(paragraph, MAX_WORDS + 1) <= MAX_WORDS && BIO.matcher(paragraph).lookingAt();
    }
}
