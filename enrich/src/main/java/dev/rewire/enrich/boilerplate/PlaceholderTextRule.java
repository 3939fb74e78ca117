package dev.rewire.enrich.boilerplate;

/**
 * Template filler left in a page: "Lorem ipsum dolor sit amet …" and its variants. Page builders ship
 * sections (hidden slides, unused cards, demo tabs) with this dummy Latin, and it reaches the text when the
 * section is not hidden in a way the extractor can see. No article quotes it at the start of a paragraph
 * except one about the filler itself, which is rare enough to lose.
 */
public final class PlaceholderTextRule implements BoilerplateRule {

    public static final String NAME = "placeholder-text";

    private static final String OPENING = "lorem ipsum";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        String s = line.strip();
        int start = 0;
        while (start < s.length() && !Character.isLetterOrDigit(s.charAt(start))) {
            start++; // opening quotes, bullets, brackets
        }
        return s.regionMatches(true, start, OPENING, 0, OPENING.length());
    }
}
