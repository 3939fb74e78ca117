/**
 * Byte- and text-level helpers shared by every source and the fetcher: reading a body with a hard size cap
 * (including through gzip/deflate, so a compression bomb cannot exhaust memory), finding a page's charset
 * and decoding it leniently, and small URL helpers. Exists so that the size and decoding rules are the same
 * whether a page came from a file, a JSONL line, a WARC record or the network.
 */
package dev.rewire.ingest.content;
