package dev.rewire.enrich.stories;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything the story stage needs to know about one article's text, computed on the scaled-out side of
 * the topology (before the single-partition story index) by {@link Fingerprinter}. Travels with the article
 * through the repartition topic as JSON.
 *
 * @param contentHash normalised-body hash ({@link ContentHash}): equal for exact copies
 * @param minHash     MinHash signature of word shingles ({@link MinHash}): close for near copies
 * @param terms       content terms (stemmed, stop words removed, numbers as {@code #n}) with their counts;
 *                    title terms are counted with an extra weight; the most frequent {@value Fingerprinter#MAX_TERMS} at most
 * @param names       names (lower-case tokens of capitalised sequences and acronyms) with their counts
 * @param numbers     numbers, bare and with their unit ({@code "485 year"})
 * @param words       word count of the body
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Fingerprint(
        String contentHash,
        int[] minHash,
        Map<String, Integer> terms,
        Map<String, Integer> names,
        List<String> numbers,
        int words) {

    public Fingerprint {
        minHash = minHash == null ? new int[0] : minHash;
        terms = terms == null ? Map.of() : terms;
        names = names == null ? Map.of() : names;
        numbers = numbers == null ? List.of() : numbers;
    }
}
