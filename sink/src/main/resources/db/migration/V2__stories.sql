-- The read model of the compacted news.stories topic: the latest state of each story.
CREATE TABLE stories (
    story_id       text PRIMARY KEY,
    schema_version integer     NOT NULL DEFAULT 1,
    title          text,
    first_seen_at  timestamptz,
    first_outlet   text,
    member_count   integer     NOT NULL DEFAULT 0,
    outlets        text[]      NOT NULL DEFAULT '{}',
    last_seen_at   timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX stories_last_seen_at_idx ON stories (last_seen_at);
