package dev.rewire.enrich.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Finds grids of teaser cards inside an article container: "explore more" tiles, product cards, "you may
 * also like" boxes. Each card is a short block with a picture or a heading and a link that points away (a
 * linked title or picture, a "learn more" button), and the cards come as a run of siblings built from the
 * same template. Their headlines are often not links themselves, so the link-density test of single blocks
 * misses them; the repetition gives them away.
 *
 * <p>A card: at most {@link #MAX_CARD_WORDS} words, an {@code <img>} or a heading, and a link outside any
 * paragraph (a link inside running text is a citation, not a pointer). A grid: at least {@link #MIN_CARDS}
 * cards among the children of one element with the same tag and class, and cards are at least two thirds
 * of those children. A numbered list of steps or a row of product reviews with paragraphs of their own is no
 * grid: its members are too long, or their links sit in sentences. A card also holds at most
 * {@link #MAX_CARD_ELEMENTS} elements. One walk over the container; each candidate card's text is read once.
 */
final class CardGrid {

    /** A card says no more than this many words. */
    static final int MAX_CARD_WORDS = 60;
    /** A card holds no more elements than this (a picture, a heading, a link, a few wrappers). */
    static final int MAX_CARD_ELEMENTS = 100;
    /** Fewer similar cards are not a grid. */
    static final int MIN_CARDS = 3;

    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
    /** Elements that are text themselves, never a card (a card is a box around them). */
    private static final Set<String> TEXT_BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "tr", "td", "th", "dt", "dd");

    private CardGrid() {
    }

    /** The cards of every grid under {@code root}, as an identity set. */
    static Set<Element> cards(Element root) {
        Set<Element> cards = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, List<Element>> bySignature = new HashMap<>();
        for (Element parent : root.getAllElements()) {
            TimeBudget.check();
            if (parent.childNodeSize() < MIN_CARDS) {
                continue; // fewer nodes than cards: no list of the children is built for the many small elements
            }
            // Only boxes (elements holding elements, not text blocks) can be cards: most parents have fewer
            // than three and are done with here, without grouping.
            int boxes = 0;
            for (Element child = parent.firstElementChild(); child != null; child = child.nextElementSibling()) {
                if (isBox(child)) {
                    boxes++;
                }
            }
            if (boxes < MIN_CARDS) {
                continue;
            }
            bySignature.clear();
            for (Element child = parent.firstElementChild(); child != null; child = child.nextElementSibling()) {
                if (isBox(child)) {
                    bySignature.computeIfAbsent(child.normalName() + ' ' + child.className(), k -> new ArrayList<>())
                            .add(child);
                }
            }
            for (List<Element> group : bySignature.values()) {
                if (group.size() >= MIN_CARDS) {
                    addGrid(group, cards);
                }
            }
        }
        if (cards.isEmpty()) {
            return cards;
        }
        // A page that is nothing but cards (a course index, a hub page) is the cards: keep them then.
        int cardChars = 0;
        for (Element card : cards) {
            cardChars += card.text().length(); // nested cards count twice: errs towards keeping
        }
        return cardChars * 2 < root.text().length() ? cards : Set.of();
    }

    /** Adds the cards of {@code group} (siblings of one signature) when they make a grid. */
    private static void addGrid(List<Element> group, Set<Element> cards) {
        int allowedMisses = group.size() / 3; // cards are at least two thirds of the group
        List<Element> found = new ArrayList<>();
        for (Element member : group) {
            if (isCard(member)) {
                found.add(member);
            } else if (--allowedMisses < 0) {
                return;
            }
        }
        if (found.size() >= MIN_CARDS) {
            cards.addAll(found);
        }
    }

    private static boolean isBox(Element el) {
        return el.firstElementChild() != null && !TEXT_BLOCKS.contains(el.normalName());
    }

    private static boolean isCard(Element el) {
        boolean picture = false;
        boolean heading = false;
        boolean pointer = el.normalName().equals("a") && el.hasAttr("href");
        // Depth-first over the card's elements without collecting them; stops once all three are seen. A box
        // of more than MAX_CARD_ELEMENTS elements is no teaser card: the walk stops there too, so nested
        // boxes cost each no more than that (a card per level of a deeply nested grid would be quadratic).
        Element d = el.firstElementChild();
        int seen = 0;
        while (d != null && !(picture && heading && pointer)) {
            if (++seen > MAX_CARD_ELEMENTS) {
                return false;
            }
            String tag = d.normalName();
            if (tag.equals("img") || tag.equals("picture")) {
                picture = true;
            } else if (HEADINGS.contains(tag)) {
                heading = true;
            } else if (tag.equals("a") && d.hasAttr("href") && !inParagraph(d, el)) {
                pointer = true;
            }
            d = next(d, el);
        }
        return pointer && (picture || heading) && Extraction.countWords(el.text(), MAX_CARD_WORDS + 1) <= MAX_CARD_WORDS;
    }

    /** The element after {@code d} in document order within {@code root}, or null. */
    private static Element next(Element d, Element root) {
        Element child = d.firstElementChild();
        if (child != null) {
            return child;
        }
        for (Element e = d; e != null && e != root; e = e.parent()) {
            Element sibling = e.nextElementSibling();
            if (sibling != null) {
                return sibling;
            }
        }
        return null;
    }

    private static boolean inParagraph(Element link, Element card) {
        for (Element e = link.parent(); e != null && e != card; e = e.parent()) {
            if (e.normalName().equals("p")) {
                return true;
            }
        }
        return false;
    }
}
