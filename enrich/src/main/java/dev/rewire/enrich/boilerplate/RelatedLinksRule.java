package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * Headers of link blocks that point away from the article ("Related:", "Read more", "See also",
 * "More from …", "You may also like", "Recent posts", "More like this"). The links themselves are usually caught by {@link LinkListRule} or
 * by the HTML stage; this rule removes the label so it does not dangle at the end of the text.
 */
public final class RelatedLinksRule implements BoilerplateRule {

    public static final String NAME = "related-links";

    private static final int MAX_WORDS = 6;
    private static final Pattern HEADER = Pattern.compile(
            "(related|related (articles?|stories|posts|content|links|sources|reading|coverage|topics)"
                    + "|read more|read next|read also|also read|see also|more (stories|news|articles)( from .+)?"
                    + "|more from .+|recommended|recommended (for you|reading|stories)|you may also like"
                    + "|you might also like|most read|most popular|popular (stories|posts)|further reading"
                    + "|latest (news|stories|posts)|trending (now|stories)?|related reads|recent (posts|articles|stories)"
                    + "|new (articles|posts)|top stories|more like this|more videos|recently by .+)");

    @Override
    public int maxWords() {
        return MAX_INLINE_WORDS;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** An inline pointer: "Read more: The ferry's first winter", "[Related: …]", "See also: …". */
    private static final Pattern INLINE = Pattern.compile(
            "(?i)^[\\[(]?\\s*(read more|related|see also|read also|also read|more|recommended|read next)\\s*:.*");
    private static final int MAX_INLINE_WORDS = 25;

    @Override
    public boolean isBoilerplate(String line) {
        return isBoilerplate(line, null, Lines.words(line));
    }

    @Override
    public boolean isBoilerplate(String line, String lower, int words) {
        if (line.indexOf(':') >= 0 && words <= MAX_INLINE_WORDS && INLINE.matcher(line.strip()).matches()) {
            return true;
        }
        return words <= MAX_WORDS && HEADER.matcher(lower != null ? Lines.keyOfLower(lower) : Lines.key(line)).matches();
    }
}
