package dev.rewire.deploy.newsroom;

import java.net.URI;
import java.util.Objects;

/**
 * One fictional outlet of the demo newsroom, as a client of the server sees it: a short path segment,
 * the name shown on its pages, and the URI of its home page. Exists so that tests and the demo command
 * can name outlets and find their home pages and feeds without knowing the server's URL layout.
 *
 * @param slug the outlet's path segment, e.g. {@code corvane-wire}
 * @param name the outlet's display name, e.g. {@code Corvane Wire}
 * @param home the absolute URI of the outlet's home page (ends in {@code /})
 */
public record Outlet(String slug, String name, URI home) {

    public Outlet {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
    }

    /** The outlet's RSS 2.0 feed of its published articles. */
    public URI feed() {
        return home.resolve("feed.xml");
    }
}
