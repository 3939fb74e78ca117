package dev.rewire.enrich.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Wraps article text that sits loose in a container (text and inline elements directly inside a
 * {@code div}, split only by {@code <br>}s) into {@code <p>} elements, so that scoring and block collection
 * see it as paragraphs. Many older and hand-built sites never use {@code <p>}; without this step their whole
 * article would be invisible to a paragraph-based extractor (Readability does the same "div to p"
 * conversion).
 *
 * <p>A run of inline content becomes a paragraph when it holds at least {@link #MIN_RUN_CHARS} characters
 * of text; two consecutive {@code <br>}s end a run. Iterative and linear in the number of nodes, so deeply
 * nested pages cost no more than flat ones.
 */
final class LooseText {

    /** Shorter runs (a separator, a date, a credit) are left alone. */
    static final int MIN_RUN_CHARS = 40;

    private static final Set<String> CONTAINERS = Set.of("div", "section", "article", "main", "body", "td", "center",
            "font", "span");
    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data",
            "dfn", "em", "font", "i", "img", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
            "sup", "time", "u", "var", "wbr");

    private LooseText() {
    }

    /** Wraps loose text runs under {@code root} into paragraphs, in place. */
    static void wrap(Element root) {
        List<Element> containers = new ArrayList<>();
        for (Element el : root.getAllElements()) {
            if (CONTAINERS.contains(el.normalName()) && hasLooseText(el)) {
                containers.add(el);
            }
        }
        for (Element container : containers) {
            TimeBudget.check();
            wrapRuns(container);
        }
    }

    private static boolean hasLooseText(Element el) {
        for (Node child : el.childNodes()) {
            if (child instanceof TextNode t && !t.isBlank()) {
                // A span or font holding only inline content is itself inline: leave it to its parent.
                return !(el.normalName().equals("span") || el.normalName().equals("font")) || hasBlockChild(el);
            }
        }
        return false;
    }

    private static boolean hasBlockChild(Element el) {
        for (Element child : el.children()) {
            if (!INLINE.contains(child.normalName())) {
                return true;
            }
        }
        return false;
    }

    private static void wrapRuns(Element container) {
        List<Node> children = new ArrayList<>(container.childNodes());
        List<Node> run = new ArrayList<>();
        boolean previousWasBr = false;
        for (Node child : children) {
            boolean inline = child instanceof TextNode
                    || child instanceof Element e && INLINE.contains(e.normalName()) && !hasBlockChild(e);
            boolean br = child instanceof Element e && e.normalName().equals("br");
            if (!inline || (br && previousWasBr)) {
                flush(run);
                previousWasBr = false;
                continue;
            }
            if (child instanceof TextNode t && t.isBlank()) {
                if (!run.isEmpty()) {
                    run.add(child);
                }
                continue; // whitespace between two <br>s still makes them consecutive
            }
            previousWasBr = br;
            run.add(child);
        }
        flush(run);
    }

    private static void flush(List<Node> run) {
        if (run.isEmpty()) {
            return;
        }
        if (hasText(run, MIN_RUN_CHARS)) {
            Element p = new Element("p");
            run.get(0).before(p);
            for (Node n : run) {
                p.appendChild(n);
            }
        }
        run.clear();
    }

    /**
     * Whether the run's text, stripped, has at least {@code chars} characters. Reads the text nodes in order
     * and stops as soon as it knows: a run whose inline elements hold the rest of a deeply nested page costs
     * a few nodes, not the page (reading each run's whole text made such pages quadratic).
     */
    static boolean hasText(List<Node> run, int chars) {
        int kept = 0;      // characters from the first non-whitespace one on
        int trailing = 0;  // of which the trailing whitespace
        java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
        for (int i = run.size() - 1; i >= 0; i--) {
            stack.push(run.get(i));
        }
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            String text = n instanceof TextNode t ? t.text()
                    : n instanceof Element e && e.normalName().equals("br") ? " " : "";
            for (int i = 0; i < text.length(); i++) {
                boolean space = Character.isWhitespace(text.charAt(i));
                if (kept == 0 && space) {
                    continue;
                }
                kept++;
                trailing = space ? trailing + 1 : 0;
                if (kept - trailing >= chars) {
                    return true;
                }
            }
            if (n instanceof Element e) {
                for (int i = e.childNodeSize() - 1; i >= 0; i--) {
                    stack.push(e.childNode(i));
                }
            }
        }
        return false;
    }
}
