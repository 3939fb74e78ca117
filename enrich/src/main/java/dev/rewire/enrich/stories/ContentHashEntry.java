package dev.rewire.enrich.stories;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rewire.model.Story;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of the {@code content-hash-index} store: the first article seen with one content hash and the
 * state of its story. Exists so exact copies can be assigned, and their story updated, with one store
 * read; the member ids make a re-fetch of an existing member recognisable. Serialised as JSON.
 *
 * @param schemaVersion  version of this shape (the store is changelogged, so old values come back)
 * @param firstId        id of the original (first member)
 * @param storyId        the story's id
 * @param firstOutlet    outlet of the original
 * @param firstEventTime event time of the original
 * @param title          the story's title
 * @param memberCount    number of distinct member articles
 * @param outlets        distinct outlets in order of arrival
 * @param firstSeenAt    earliest event time of any member
 * @param lastSeenAt     latest event time of any member
 * @param memberIds      ids of all members, in order of arrival
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContentHashEntry(
        int schemaVersion,
        String firstId,
        String storyId,
        String firstOutlet,
        Instant firstEventTime,
        String title,
        int memberCount,
        List<String> outlets,
        Instant firstSeenAt,
        Instant lastSeenAt,
        List<String> memberIds) {

    public static final int SCHEMA_VERSION = 1;

    public ContentHashEntry {
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }

    /** A new story whose only member is the given article. */
    static ContentHashEntry first(String articleId, String outlet, Instant eventTime, String title) {
        return new ContentHashEntry(SCHEMA_VERSION, articleId, articleId, outlet, eventTime, title, 1,
                outlet == null ? List.of() : List.of(outlet), eventTime, eventTime, List.of(articleId));
    }

    /** This story with one more member. */
    ContentHashEntry withMember(String articleId, String outlet, Instant eventTime, String memberTitle) {
        List<String> newOutlets = new ArrayList<>(outlets);
        if (outlet != null && !newOutlets.contains(outlet)) {
            newOutlets.add(outlet);
        }
        List<String> newMembers = new ArrayList<>(memberIds);
        newMembers.add(articleId);
        Instant first = eventTime.isBefore(firstSeenAt) ? eventTime : firstSeenAt;
        Instant last = eventTime.isAfter(lastSeenAt) ? eventTime : lastSeenAt;
        return new ContentHashEntry(schemaVersion, firstId, storyId, firstOutlet, firstEventTime,
                title != null ? title : memberTitle, memberCount + 1, newOutlets, first, last, newMembers);
    }

    boolean hasMember(String articleId) {
        return memberIds.contains(articleId);
    }

    /** The story record for {@code news.stories}. */
    Story toStory() {
        return new Story(Story.SCHEMA_VERSION, storyId, title, firstSeenAt, firstOutlet, memberCount, outlets,
                lastSeenAt);
    }
}
