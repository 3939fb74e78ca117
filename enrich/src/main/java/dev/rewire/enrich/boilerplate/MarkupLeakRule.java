package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * Markup that reached the text as characters: the content of {@code <noscript>} tracking pixels or escaped
 * embed codes ({@code <img height="1" width="1" src="…">}, {@code <iframe …>}). A line that opens with a tag
 * and is mostly tag is never prose.
 */
public final class MarkupLeakRule implements BoilerplateRule {

    public static final String NAME = "markup-leak";

    private static final Pattern STARTS_WITH_TAG = Pattern.compile("(?i)^</?[a-z][a-z0-9]*(\\s[^>]*)?/?>.*", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^<>]{0,2000}>");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.charAt(0) != '<' || !STARTS_WITH_TAG.matcher(s).matches()) {
            return false;
        }
        int inTags = 0;
        var m = TAG.matcher(s);
        while (m.find()) {
            inTags += m.end() - m.start();
        }
        return inTags * 2 >= s.length();
    }
}
