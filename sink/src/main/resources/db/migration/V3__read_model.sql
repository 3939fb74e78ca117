-- Issue 6: exactly-once offsets, rewrites, and the tables the feed API and the dashboard read.

-- How often each article row was written (insert or update). A re-fetch of the same URL counts; a
-- re-delivered Kafka record never does, because the offsets below are kept in the same transaction.
ALTER TABLE articles ADD COLUMN writes integer NOT NULL DEFAULT 1;

-- The consumed offsets of the PostgreSQL sink, committed in the same transaction as the rows they
-- produced; the sink seeks to them on start-up (Kafka's committed offsets are informational only).
CREATE TABLE sink_offsets (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    next_offset    bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);

-- news.rewrites: one row per article that joined an existing story (who followed whom, how fast).
CREATE TABLE rewrites (
    article_id      text PRIMARY KEY,
    schema_version  integer     NOT NULL DEFAULT 1,
    story_id        text,
    original_id     text,
    relation        text,
    similarity      double precision,
    outlet          text,
    original_outlet text,
    lag_seconds     bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rewrites_story_id_idx ON rewrites (story_id);
CREATE INDEX rewrites_edge_idx ON rewrites (original_outlet, outlet);

-- One row per story as the newsroom feed and the dashboard show it, derived from the stored members
-- (articles) in the same transaction that changed them. seq grows on every change: the feed's cursor
-- and the live stream's event id.
CREATE SEQUENCE story_feed_seq;
CREATE TABLE story_feed (
    story_id        text PRIMARY KEY,
    title           text,
    best_article_id text,
    first_seen_at   timestamptz,
    last_seen_at    timestamptz,
    first_outlet    text,
    member_count    integer     NOT NULL,
    rewrite_count   integer     NOT NULL,
    outlet_count    integer     NOT NULL,
    outlets         text[]      NOT NULL DEFAULT '{}',
    languages       text[]      NOT NULL DEFAULT '{}',
    seq             bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX story_feed_seq_idx ON story_feed (seq);
CREATE INDEX story_feed_updated_at_idx ON story_feed (updated_at);

-- Per outlet totals, derived from the stored articles.
CREATE TABLE outlets (
    outlet        text PRIMARY KEY,
    articles      integer     NOT NULL,
    originals     integer     NOT NULL,
    rewrites      integer     NOT NULL,
    first_seen_at timestamptz,
    last_seen_at  timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
