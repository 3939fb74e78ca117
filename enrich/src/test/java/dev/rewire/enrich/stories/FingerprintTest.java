package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void termsDropStopWordsStemPluralsAndMarkNumbers() {
        assertThat(Terms.words("The cities' 3,000 cables, cracked!")).containsExactly("the", "cities", "3,000", "cables", "cracked");
        assertThat(Terms.term("the")).isNull();
        assertThat(Terms.term("said")).isNull();
        assertThat(Terms.term("cities")).isEqualTo("city");
        assertThat(Terms.term("cables")).isEqualTo("cable");
        assertThat(Terms.term("glass")).isEqualTo("glass");
        assertThat(Terms.term("3,000")).isEqualTo("#3000");
    }

    @Test
    void entitiesAreCapitalisedWordsAfterTheSentenceStartAcronymsAndNumbersWithUnits() {
        var e = EntityExtractor.extract("Yesterday the mayor Pieter Haldane met NATO envoys. Repairs will take "
                + "six weeks and cost 1.8 million crowns.\nOn June 4 the 42-metre span reopened.");
        assertThat(e.names()).containsKeys("pieter", "haldane", "nato").doesNotContainKeys("yesterday", "repairs");
        assertThat(e.numbers()).contains("6 week", "1.8 million", "jun 4", "42 metre");
    }

    @Test
    void aDigitLetterTokenNextToAMonthIsNoDate() {
        // "3D" and "5G" start with a digit like a day of the month does; they used to reach Integer.parseInt
        var e = EntityExtractor.extract("In March 3D printers were sold. Networks in May 5G launched. June 7 came.");
        assertThat(e.numbers()).contains("3d", "5g", "jun 7").doesNotContain("mar 3", "may 5");
    }

    @Test
    void fingerprintingNeverThrowsOnOddText() {
        String[] pieces = {"March", "May", " ", ". ", ", ", "3D", "5g", "1st", "2,", "0.", "9. 9", "200, 000", "\n",
            "\"", "(", "—", "IBM", "Ünïcödé", "\uD83D\uDE00", "\uD83D", "\uDE00", "٣", "੩", "ⅷ", "²", "½", "0x1F",
            "99999999999999999999", "-", "'s", "years", "Dec.", "4th", "\u0000", "\t", "ß", "İ", "Σ"};
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(30);
            for (int k = 0; k < n; k++) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextBoolean()) {
                    text.append(' ');
                }
            }
            String t = text.toString();
            Fingerprint fp = Fingerprinter.of(i % 3 == 0 ? t : null, t);
            assertThat(fp.words()).as(t).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void numbersWrittenWithASpaceAfterTheSeparatorAreReadWhole() {
        String tokenised = "A 5. 9 magnitude quake shook the island, home to 200, 000 people, at 9. 25 am.";
        assertThat(Terms.words(tokenised)).contains("5.9", "200,000", "9.25").doesNotContain("000");
        assertThat(EntityExtractor.extract(tokenised).numbers()).contains("5.9 magnitude", "200000 people", "5.9")
                .doesNotContain("9 magnitude", "000 people");
        // the same numbers as an untokenised text writes them
        assertThat(EntityExtractor.extract("A 5.9 magnitude quake, home to 200,000 people.").numbers())
                .contains("5.9 magnitude", "200000 people");
    }

    @Test
    void aSentenceEndingInANumberIsNotJoinedToTheNext() {
        assertThat(Terms.words("It was built in 2005. 9 people live there, 12 in all, 3, 4 or 5 rooms."))
                .contains("2005", "9", "3", "4").doesNotContain("2005.9", "3,4");
        assertThat(Terms.words("Version 2. 5th floor")).contains("2", "5th");
    }

    @Test
    void minHashIsHighForLightEditsAndLowForRewrites() {
        int[] a = MinHash.of(Terms.words(StoryTexts.BRIDGE));
        assertThat(MinHash.similarity(a, MinHash.of(Terms.words(StoryTexts.BRIDGE)))).isEqualTo(1.0);
        assertThat(MinHash.similarity(a, MinHash.of(Terms.words(StoryTexts.BRIDGE_EDITED)))).isGreaterThan(0.6);
        assertThat(MinHash.similarity(a, MinHash.of(Terms.words(StoryTexts.BRIDGE_REWRITE)))).isLessThan(0.2);
        assertThat(MinHash.of(List.of("too", "short"))).isEmpty();
    }

    @Test
    void fingerprintsOfTheSameTextAgreeAndTitlesCountExtra() {
        Fingerprint f = Fingerprinter.of("Cracked cables", StoryTexts.BRIDGE);
        assertThat(f.contentHash()).isEqualTo(Fingerprinter.of(null, StoryTexts.BRIDGE).contentHash());
        assertThat(f.terms().get("cable")).isEqualTo(Fingerprinter.of(null, StoryTexts.BRIDGE).terms().get("cable") + 2);
        assertThat(f.names()).containsKeys("varnley", "brannagh", "haldane");
        assertThat(f.words()).isGreaterThan(100);
    }

    @Test
    void theScorerPrefersTheSameEventOverTheSameKindOfEvent() {
        StoryState bridge = StoryState.start("a1", "x", null, 0);
        StoryState other = StoryState.start("b1", "y", null, 0);
        java.util.function.ToDoubleFunction<String> idf = t -> 1.0;
        bridge.add("a1", "x", null, 0, new int[0], new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE), idf));
        other.add("b1", "y", null, 0, new int[0], new ArticleVector(Fingerprinter.of(null, StoryTexts.OTHER_BRIDGE), idf));
        ArticleVector rewrite = new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE_REWRITE), idf);
        var same = StoryScorer.score(rewrite, bridge, 0, 7 * 86_400_000L);
        var different = StoryScorer.score(rewrite, other, 0, 7 * 86_400_000L);
        assertThat(same.total()).isGreaterThan(0.3).isGreaterThan(different.total() + 0.2);
        assertThat(same.names()).isGreaterThan(different.names());
        // Time proximity: the same match a horizon later scores lower.
        assertThat(StoryScorer.score(rewrite, bridge, 7 * 86_400_000L, 7 * 86_400_000L).total()).isLessThan(same.total());
    }

    @Test
    void aPageOfOneGiantTokenGivesASmallFingerprintThatSurvivesJson() throws Exception {
        String giant = "x".repeat(5_000_000);
        String text = "Mayor Pieter Haldane closed the bridge. " + giant + " Repairs take 6 weeks. "
                + "Q".repeat(60_000) + " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA end.";
        for (String t : List.of(giant, text)) {
            Fingerprint f = Fingerprinter.of("T".repeat(80_000), t);
            assertThat(f.terms().keySet()).allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(Terms.MAX_TOKEN + 1));
            assertThat(f.names().keySet()).allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(Terms.MAX_TOKEN));
            assertThat(f.numbers()).allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(2 * Terms.MAX_TOKEN + 1));
            // The repartition topic carries the fingerprint as JSON: it must read back (Jackson's name limit).
            var json = dev.rewire.model.Json.mapper();
            Fingerprint back = json.readValue(json.writeValueAsBytes(f), Fingerprint.class);
            assertThat(back.terms()).isEqualTo(f.terms());
            assertThat(back.names()).isEqualTo(f.names());
        }
        assertThat(Fingerprinter.of(null, text).names()).containsKeys("pieter", "haldane");
    }

    @Test
    void termsNamesAndNumbersPerFingerprintAreBounded() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            b.append("Name").append(Integer.toString(i, 26).replace('0', 'z')).append(" Qq").append(i)
                    .append(" met ").append(i * 7).append(" men and word").append(i).append(". ");
        }
        Fingerprint f = Fingerprinter.of(null, b.toString());
        assertThat(f.terms()).hasSizeLessThanOrEqualTo(Fingerprinter.MAX_TERMS);
        assertThat(f.names()).hasSizeLessThanOrEqualTo(Fingerprinter.MAX_NAMES).isNotEmpty();
        assertThat(f.numbers()).hasSizeLessThanOrEqualTo(Fingerprinter.MAX_NUMBERS).isNotEmpty();
    }

    @Test
    void theWorkPerArticleIsBoundedWhateverTheTextSize() {
        StringBuilder b = new StringBuilder();
        while (b.length() < 5_000_000) {
            b.append(StoryTexts.BRIDGE).append("\n");
        }
        String huge = b.toString();
        Fingerprinter.of(null, huge);  // warm up
        long t0 = System.nanoTime();
        Fingerprint f = Fingerprinter.of(null, huge);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        // Only the first MAX_TEXT_CHARS are fingerprinted: the same fingerprint as that prefix's ...
        Fingerprint prefix = Fingerprinter.of(null, Fingerprinter.prefix(huge, Fingerprinter.MAX_TEXT_CHARS));
        assertThat(f.terms()).isEqualTo(prefix.terms());
        assertThat(f.names()).isEqualTo(prefix.names());
        assertThat(f.minHash()).isEqualTo(prefix.minHash());
        assertThat(f.words()).isEqualTo(prefix.words()).isLessThan(Fingerprinter.MAX_TEXT_CHARS / 2);
        // ... except the exact-copy hash, which still covers the whole body.
        assertThat(f.contentHash()).isNotEqualTo(prefix.contentHash());
        assertThat(millis).as("fingerprint of a 5 MB text, ms").isLessThan(3_000);
        assertThat(Fingerprinter.prefix("abc def", 5)).isEqualTo("abc");
        assertThat(Fingerprinter.prefix("abcdefgh", 5)).isEqualTo("abcde");
        assertThat(Fingerprinter.prefix("short", 5)).isEqualTo("short");
    }

    @Test
    void storyStateSurvivesItsEncoding() {
        StoryState s = StoryState.start("a1", "x", "T", 5);
        s.add("a1", "x", "T", 5, new int[] {1, 2}, new ArticleVector(Fingerprinter.of(null, StoryTexts.BRIDGE), t -> 2.0));
        StoryState back = StoryState.decode(s.encode());
        assertThat(back.toStory()).isEqualTo(s.toStory());
        assertThat(back.centroid.ids).isEqualTo(s.centroid.ids);
        assertThat(back.centroid.weights).isEqualTo(s.centroid.weights);
        assertThat(back.names.ids).isEqualTo(s.names.ids);
        assertThat(back.members.get(0).minHash()).containsExactly(1, 2);
        byte[] raw = null;
        for (String id : new String[] {"s1", "s2", "s3"}) {
            raw = Postings.add(raw, Bytes.utf8(id), 10L * (id.charAt(1) - '0'), 2);
        }
        raw = Postings.add(raw, Bytes.utf8("s2"), 5, 2);
        Postings p = Postings.decode(raw);
        assertThat(Postings.decode(p.encode()).entries).extracting(Postings.Entry::storyId).containsExactly("s3", "s2");
        assertThat(p.expire(25)).isTrue();
        assertThat(p.entries).extracting(Postings.Entry::storyId).containsExactly("s3");
    }
}
