-- "Recent" on the dashboard and in the live stream is the hour before max(story_feed.last_seen_at): without
-- an index that maximum reads the whole table on every stories, story and stream query.
CREATE INDEX story_feed_last_seen_idx ON story_feed (last_seen_at);
