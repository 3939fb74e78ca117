package dev.rewire.sink.web;

import java.util.List;

/**
 * One page of stories.
 *
 * @param nextBefore the cursor of the next page (pass as {@code before}), or 0 when this is the last page
 * @param asOfSeq    the latest story change number read before the page: the page holds every change up to
 *                   it, so a live stream started {@code after} it misses none
 */
public record StoryPage(List<StorySummary> stories, long nextBefore, long asOfSeq) {
}
