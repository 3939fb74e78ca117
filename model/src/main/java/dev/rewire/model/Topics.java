package dev.rewire.model;

import java.util.List;

/**
 * The topic names of the pipeline, with an optional prefix (for sharing one cluster between
 * deployments). Build one from configuration and pass it around; never hard-code a name elsewhere.
 *
 * @param prefix prepended to every default name, may be empty
 */
public record Topics(String prefix) {

    public static final String RAW = "news.raw";
    public static final String CLEAN = "news.clean";
    public static final String REWRITES = "news.rewrites";
    public static final String STORIES = "news.stories";
    public static final String ANALYTICS_OUTLETS = "news.analytics.outlets";
    public static final String ANALYTICS_EDGES = "news.analytics.edges";
    public static final String REJECTED = "news.rejected";

    public Topics {
        prefix = prefix == null ? "" : prefix.trim();
    }

    /** Default names, no prefix. */
    public static Topics defaults() {
        return new Topics("");
    }

    public String raw() {
        return prefix + RAW;
    }

    public String clean() {
        return prefix + CLEAN;
    }

    public String rewrites() {
        return prefix + REWRITES;
    }

    public String stories() {
        return prefix + STORIES;
    }

    public String analyticsOutlets() {
        return prefix + ANALYTICS_OUTLETS;
    }

    public String analyticsEdges() {
        return prefix + ANALYTICS_EDGES;
    }

    public String rejected() {
        return prefix + REJECTED;
    }

    /** Every topic of the pipeline, in data-flow order. */
    public List<String> all() {
        return List.of(raw(), clean(), rewrites(), stories(), analyticsOutlets(), analyticsEdges(), rejected());
    }
}
