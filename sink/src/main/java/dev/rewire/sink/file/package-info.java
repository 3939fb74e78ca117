/**
 * The JSONL file sink: {@code news.clean} as one CleanArticle JSON object per line, for replays,
 * evaluation scripts and hand inspection. Whole lines only, fsync'ed before the offsets are committed.
 */
package dev.rewire.sink.file;
