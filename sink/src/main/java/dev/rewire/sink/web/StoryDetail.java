package dev.rewire.sink.web;

import java.time.Instant;
import java.util.List;

/** A story with its members, earliest first, for the dashboard's story page. */
public record StoryDetail(StorySummary story, List<Member> members) {

    /**
     * One member article.
     *
     * @param lagSeconds how long after the story's first member it appeared (from news.rewrites when known,
     *                   else from the event times)
     */
    public record Member(String id, String outlet, String title, String byline, String url, Instant publishedAt,
                         Instant fetchedAt, String language, String relation, Double similarity, String duplicateOf,
                         long lagSeconds, int wordCount, String text) {
    }
}
