package dev.rewire.sink.web;

import java.util.List;

/**
 * One page of stories.
 *
 * @param nextBefore the cursor of the next page (pass as {@code before}), or 0 when this is the last page
 */
public record StoryPage(List<StorySummary> stories, long nextBefore) {
}
