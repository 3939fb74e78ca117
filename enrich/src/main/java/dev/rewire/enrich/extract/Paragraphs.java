package dev.rewire.enrich.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Paragraph clean-ups both extractors apply after boilerplate removal. */
final class Paragraphs {

    static final String DUPLICATE_RULE = "duplicate-paragraph";
    static final String TITLE_RULE = "title-repeat";
    static final String TOC_RULE = "table-of-contents";

    /** Headers of an in-page table of contents. */
    private static final java.util.Set<String> TOC_HEADERS = java.util.Set.of("table of contents", "contents",
            "article subheadings", "subheadings", "in this article", "on this page", "jump to", "jump to section",
            "quick links", "article contents", "what s in this article", "skip to section", "sections");
    /** Leading list numbering ("1)", "2.", "iv.", "-", "•") of a table-of-contents entry. */
    private static final Pattern NUMBERING = Pattern.compile("^\\s*(\\d{1,2}[.)]|[ivx]{1,4}[.)]|[-•*–])\\s*");
    private static final int MAX_TOC_ENTRY_WORDS = 15;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Paragraphs() {
    }

    /** Whitespace (and no-break spaces) collapsed to single spaces, trimmed. A hand-written scan: hot path. */
    static String collapse(String text) {
        if (text == null) {
            return "";
        }
        if (isCollapsed(text)) {
            return text; // the usual case (Element.text() normalises most whitespace already): no copy
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when {@link #collapse} would return {@code text} unchanged: single plain spaces, none at the ends. */
    private static boolean isCollapsed(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (i == 0 || i == n - 1 || text.charAt(i + 1) == ' ') {
                    return false;
                }
            } else if (c <= ' ' || c == '\u00a0' || c > 0x7f && Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** A comparison key: letters and digits only, lower case, single spaces between runs. */
    static String key(String text) {
        if (text == null) {
            return "";
        }
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            return asciiKey(text);
        }
        // SafeText.nfkc: entities such as &#x301; are decoded by the parser, after the cleaner's pass
        String n = SafeText.nfkc(text).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        boolean space = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            } else {
                space = out.length() > 0;
            }
        }
        return out.toString();
    }

    /** {@link #key} of a text that is all ASCII, without the copies of normalising and lower-casing it. */
    private static String asciiKey(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Drops a paragraph equal to the one before it, then a first paragraph equal to the title; both are
     * counted in {@code counts}.
     */
    static List<String> tidy(List<String> paragraphs, String title, Map<String, Integer> counts) {
        List<String> keys = new ArrayList<>(paragraphs.size());
        paragraphs = dropTableOfContents(paragraphs, counts, keys);
        List<String> out = new ArrayList<>(paragraphs.size());
        String previous = null;
        for (int i = 0; i < paragraphs.size(); i++) {
            String p = paragraphs.get(i);
            String k = keys.get(i);
            if (k.equals(previous)) {
                counts.merge(DUPLICATE_RULE, 1, Integer::sum);
                continue;
            }
            out.add(p);
            previous = k;
        }
        if (title != null && !out.isEmpty() && key(out.get(0)).equals(key(title)) && !key(title).isEmpty()) {
            out.remove(0);
            counts.merge(TITLE_RULE, 1, Integer::sum);
        }
        return out;
    }

    /**
     * Drops an in-page table of contents: a header such as "Contents" or "In this article", and runs of short
     * lines (numbered or not) that come back later in the text as the section headings they point to. A run
     * must follow such a header or hold at least two entries, so a heading that merely repeats stays.
     * Linear: one map of line keys to their last position.
     */
    static List<String> dropTableOfContents(List<String> paragraphs, Map<String, Integer> counts) {
        return dropTableOfContents(paragraphs, counts, new ArrayList<>());
    }

    /** The same, adding the {@link #key} of every kept paragraph to {@code keptKeys} (so callers need not redo them). */
    private static List<String> dropTableOfContents(List<String> paragraphs, Map<String, Integer> counts,
                                                    List<String> keptKeys) {
        int n = paragraphs.size();
        Map<String, Integer> last = new java.util.HashMap<>();
        String[] keys = new String[n];
        String[] plainKeys = new String[n]; // key of the paragraph itself, numbering included
        for (int i = 0; i < n; i++) {
            String p = paragraphs.get(i);
            var m = NUMBERING.matcher(p);
            if (m.find()) {
                keys[i] = key(p.substring(m.end()));
                plainKeys[i] = key(p);
            } else {
                keys[i] = key(p);
                plainKeys[i] = keys[i];
            }
            last.put(keys[i], i);
        }
        boolean[] drop = new boolean[n];
        int i = 0;
        while (i < n) {
            boolean header = TOC_HEADERS.contains(keys[i]) || keys[i].startsWith("table of contents")
                    && Extraction.countWords(keys[i]) <= 5;
            int start = header ? i + 1 : i;
            int end = start;
            while (end < n && !keys[end].isEmpty() && last.get(keys[end]) > end
                    && Extraction.countWords(paragraphs.get(end)) <= MAX_TOC_ENTRY_WORDS) {
                end++;
            }
            int entries = end - start;
            if (entries >= 2 || header) { // a lone header too: its entries were links, already gone
                for (int k = header ? i : start; k < end; k++) {
                    drop[k] = true;
                }
                i = end;
            } else {
                i++;
            }
        }
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            if (drop[k]) {
                counts.merge(TOC_RULE, 1, Integer::sum);
            } else {
                out.add(paragraphs.get(k));
                keptKeys.add(plainKeys[k]);
            }
        }
        return out;
    }
}
