package dev.rewire.enrich.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jsoup.nodes.Element;

/**
 * Finds the other parts of an article body that a page template split in two or more: site builders close
 * the rich-text element of the body to insert a call-out, a "featured article" box or a sign-up card, then
 * open a second one with the same tag and class for the rest of the text. The extractor picks the part with
 * the most text; without this step every other part would be lost.
 *
 * <p>A sibling of the chosen container is another part when it has the same tag and the same, non-empty
 * {@code class} attribute and holds paragraph text of its own. Whatever lies between the parts (the call-out)
 * is not taken. One pass over the parent's children.
 */
final class SplitBody {

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
        if (parent == null || cls.isEmpty() || container.normalName().equals("body")) {
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
