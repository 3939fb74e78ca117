package dev.rewire.enrich.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jsoup.nodes.Element;

/**
 * Finds the other parts of an article body that a page template split in two or more: site builders close
 * the rich-text element of the body to insert a call-out, a "featured article" box or a sign-up card, then
 * open a second one with the same tag and class for the rest of the text. The extractor picks the part with
 * the most text; without this step every other part would be lost.
 *
 * <p>A sibling of the chosen container is another part when it has the same tag and the same, non-empty
 * {@code class} attribute and holds paragraph text of its own; an {@code <article>} or {@code <main>}
 * container has no other parts. Whatever lies between the parts (the call-out) is not taken. One pass over
 * the parent's children.
 */
final class SplitBody {

    /**
     * Containers that are a whole by definition: sibling {@code <article>}s are other stories (an infinite
     * scroll appends the next one with the same class), and there is one {@code <main>} and one body.
     */
    private static final Set<String> SELF_CONTAINED = Set.of("article", "main", "body");

    private SplitBody() {
    }

    /**
     * The container and its same-kind siblings that hold paragraph text, in document order; just the container
     * when it has no class or no such sibling.
     *
     * @param paragraphText the length of paragraph text under an element
     */
    static List<Element> parts(Element container, ToIntFunction<Element> paragraphText) {
        Element parent = container.parent();
        String cls = container.className().strip();
        if (parent == null || cls.isEmpty() || SELF_CONTAINED.contains(container.normalName())) {
            return List.of(container);
        }
        List<Element> parts = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == container || sibling.normalName().equals(container.normalName())
                    && sibling.className().strip().equals(cls) && paragraphText.applyAsInt(sibling) > 0) {
                parts.add(sibling);
            }
        }
        return parts;
    }
}
