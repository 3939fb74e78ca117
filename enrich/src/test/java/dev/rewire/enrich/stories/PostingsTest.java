package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PostingsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The list semantics, spelled out on decoded entries: the reference the byte-level add must match. */
    private static List<Postings.Entry> modelAdd(List<Postings.Entry> list, String story, long t, int max) {
        List<Postings.Entry> out = new ArrayList<>();
        long time = t;
        for (Postings.Entry e : list) {
            if (e.storyId().equals(story)) {
                time = Math.max(time, e.eventMillis());
            } else {
                out.add(e);
            }
        }
        out.add(new Postings.Entry(story, time));
        return new ArrayList<>(out.subList(Math.max(0, out.size() - max), out.size()));
    }

    @Test
    void addingOnTheEncodedBytesFollowsTheListSemantics() {
        SplittableRandom random = new SplittableRandom(7);
        List<Postings.Entry> model = new ArrayList<>();
        byte[] raw = null;
        for (int k = 0; k < 500; k++) {
            String story = "story-" + random.nextInt(12) + (random.nextInt(5) == 0 ? "-é" : "");
            long t = random.nextLong(1_000_000);
            model = modelAdd(model, story, t, 8);
            raw = Postings.add(raw, utf8(story), t, 8);
            assertThat(Postings.decode(raw).entries).isEqualTo(model);
            assertThat(new Postings(Postings.decode(raw).entries).encode()).isEqualTo(raw);
        }
        assertThat(model).hasSize(8);
    }

    @Test
    void aRefreshedStoryMovesToTheEndKeepsItsLatestTimeAndTheOldestGoFirst() {
        byte[] raw = null;
        raw = Postings.add(raw, utf8("s1"), 10, 2);
        raw = Postings.add(raw, utf8("s2"), 20, 2);
        raw = Postings.add(raw, utf8("s1"), 5, 2);
        assertThat(Postings.decode(raw).entries).containsExactly(new Postings.Entry("s2", 20), new Postings.Entry("s1", 10));
        raw = Postings.add(raw, utf8("s3"), 30, 2);
        assertThat(Postings.decode(raw).entries).containsExactly(new Postings.Entry("s1", 10), new Postings.Entry("s3", 30));
    }

    @Test
    void visitingTheEncodedEntriesReadsEachIdAndTimeInPlace() {
        byte[] raw = Postings.add(Postings.add(null, utf8("alpha"), 1, 10), utf8("βeta"), 2, 10);
        List<String> seen = new ArrayList<>();
        Postings.forEach(raw, (data, off, len, t) -> seen.add(new String(data, off, len, StandardCharsets.UTF_8) + "@" + t));
        assertThat(seen).containsExactly("alpha@1", "βeta@2");
        Postings.forEach(null, (data, off, len, t) -> seen.add("none"));
        assertThat(seen).hasSize(2);
    }

    @Test
    void hitsSumPerStoryAndRankByWeightThenId() {
        StoryHits hits = new StoryHits();
        byte[] lists = utf8("xxb-storya-storyc-storyb-storya");
        hits.add(lists, 4, 6, 1.0);    // storya
        hits.add(lists, 25, 6, 2.0);   // storya again
        hits.add(lists, 11, 6, 1.5);   // storyc
        hits.add(lists, 18, 6, 1.5);   // storyb
        assertThat(hits.best()).isEqualTo(3.0);
        assertThat(hits.atLeast(0, 10)).containsExactly("storya", "storyb", "storyc");
        assertThat(hits.atLeast(1.6, 10)).containsExactly("storya");
        assertThat(hits.atLeast(0, 2)).containsExactly("storya", "storyb");
        assertThat(new StoryHits().isEmpty()).isTrue();
    }

    @Test
    void hitsGrowPastTheirFirstCapacity() {
        StoryHits hits = new StoryHits();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 1000; k++) {
            sb.append(String.format("s%04d", k));
        }
        byte[] ids = utf8(sb.toString());
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 1000; k++) {
                hits.add(ids, 5 * k, 5, k);
            }
        }
        assertThat(hits.best()).isEqualTo(2 * 999.0);
        assertThat(hits.atLeast(2 * 997.0, 10)).containsExactly("s0999", "s0998", "s0997");
    }
}
