-- The read model of news.clean: one row per article id (stable across re-fetches), upserted by the sink.
-- One column per CleanArticle field, plus bookkeeping (first_seen_at, updated_at).
CREATE TABLE articles (
    id             text PRIMARY KEY,
    schema_version integer          NOT NULL DEFAULT 1,
    ingest_id      text,
    url            text,
    canonical_url  text,
    outlet         text,
    title          text,
    byline         text,
    published_at   timestamptz,
    fetched_at     timestamptz,
    language       text,
    text           text,
    word_count     integer          NOT NULL DEFAULT 0,
    story_id       text,
    relation       text,
    duplicate_of   text,
    similarity     double precision,
    boilerplate    jsonb,
    first_seen_at  timestamptz      NOT NULL DEFAULT now(),
    updated_at     timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX articles_story_id_idx ON articles (story_id);
CREATE INDEX articles_outlet_idx ON articles (outlet);
CREATE INDEX articles_published_at_idx ON articles (published_at);
