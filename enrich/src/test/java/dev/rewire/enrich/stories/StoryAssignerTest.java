package dev.rewire.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoryAssignerTest {

    private static final Instant T0 = Instant.parse("2031-06-05T08:00:00Z");

    private final MapTable memberships = new MapTable();
    private final StoryAssigner assigner = new StoryAssigner(StoryParams.defaults(), new MapTable(), new MapTable(),
            new MapTable(), memberships, new MapTable());

    static CleanArticle article(String id, String outlet, String title, String text) {
        return new CleanArticle(1, id, "ingest-" + id, "https://" + outlet + "/" + id, "https://" + outlet + "/" + id,
                outlet, title, null, null, T0, "en", text, text.split("\\s+").length, null, null, null, null, null);
    }

    private StoryAssigner.Decision assign(CleanArticle a, Duration after) {
        return assigner.assign(a, Fingerprinter.of(a), T0.plus(after).toEpochMilli());
    }

    @Test
    void copiesNearCopiesAndRewritesJoinTheOriginalsStory() {
        var original = assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        var other = assign(article("b1", "post.example", "Lorries barred from Kessington bridge", StoryTexts.OTHER_BRIDGE),
                Duration.ofMinutes(5));
        var exact = assign(article("a2", "courier.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ofMinutes(10));
        var near = assign(article("a3", "times.example", null, StoryTexts.BRIDGE_EDITED), Duration.ofHours(1));
        var rewrite = assign(article("a4", "echo.example", "Weeks of detours as Varnley bridge closes",
                StoryTexts.BRIDGE_REWRITE), Duration.ofHours(3));

        assertThat(original.article().relation()).isEqualTo(Relation.ORIGINAL);
        assertThat(original.newStory()).isTrue();
        assertThat(other.article().relation()).as("a different bridge story").isEqualTo(Relation.ORIGINAL);
        assertThat(exact.article().relation()).isEqualTo(Relation.EXACT);
        assertThat(exact.article().similarity()).isEqualTo(1.0);
        assertThat(near.article().relation()).isEqualTo(Relation.NEAR);
        assertThat(near.article().similarity()).isBetween(0.5, 1.0);
        assertThat(rewrite.article().relation()).isEqualTo(Relation.REWRITE);
        for (var d : new StoryAssigner.Decision[] {exact, near, rewrite}) {
            assertThat(d.article().storyId()).isEqualTo("a1");
            assertThat(d.event().originalOutlet()).isNotNull();
            assertThat(d.event().storyId()).isEqualTo("a1");
        }
        assertThat(exact.article().duplicateOf()).isEqualTo("a1");
        assertThat(rewrite.event().lagSeconds()).isEqualTo(3 * 3600);
        assertThat(rewrite.story().memberCount()).isEqualTo(4);
        assertThat(rewrite.story().outlets()).containsExactly("ledger.example", "courier.example", "times.example",
                "echo.example");
        assertThat(rewrite.story().title()).isEqualTo(StoryTexts.BRIDGE_TITLE);
        assertThat(rewrite.story().firstOutlet()).isEqualTo("ledger.example");

        // The score margin: none without a scored story or for a copy (hash and MinHash decide those), at or
        // above zero for the rewrite: its score less the threshold (a text this long needs no short-text margin).
        assertThat(original.margin()).isNull();
        assertThat(exact.margin()).isNull();
        assertThat(near.margin()).isNull();
        assertThat(rewrite.margin()).isNotNegative().isCloseTo(
                rewrite.article().similarity() - StoryParams.defaults().rewriteThreshold(), within(1e-3));
    }

    @Test
    void aStoryScoredButNotJoinedGivesANegativeMargin() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        var market = assign(article("m1", "post.example", "Flower market opens on repaved square",
                StoryTexts.VARNLEY_MARKET), Duration.ofHours(2));

        assertThat(market.candidates()).as("found through Varnley and its mayor").isPositive();
        assertThat(market.article().relation()).isEqualTo(Relation.ORIGINAL);
        assertThat(market.margin()).isNegative();
    }

    @Test
    void aRefetchGetsItsEarlierAnswerAndAddsNoMember() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        var rewrite = assign(article("a4", "echo.example", null, StoryTexts.BRIDGE_REWRITE), Duration.ofHours(1));
        var again = assign(article("a4", "echo.example", null, StoryTexts.BRIDGE_REWRITE + "\n\nCorrection added."),
                Duration.ofHours(5));
        assertThat(again.refetch()).isTrue();
        assertThat(again.story()).isNull();
        assertThat(again.event()).isNull();
        assertThat(again.article().storyId()).isEqualTo(rewrite.article().storyId());
        assertThat(again.article().relation()).isEqualTo(rewrite.article().relation());
        assertThat(again.article().text()).endsWith("Correction added.");
        var third = assign(article("a2", "courier.example", null, StoryTexts.BRIDGE), Duration.ofHours(6));
        assertThat(third.story().memberCount()).isEqualTo(3);
    }

    @Test
    void theFounderFetchedAgainAfterTheHorizonIsNotAddedToItsLiveStoryAgain() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        assign(article("a4", "echo.example", null, StoryTexts.BRIDGE_REWRITE), Duration.ofDays(6));
        memberships.delete("a1");  // even without its membership: a story's id is its founder's
        var again = assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ofDays(8));
        assertThat(again.refetch()).isTrue();
        assertThat(again.story()).isNull();
        assertThat(again.article().storyId()).isEqualTo("a1");
        assertThat(again.article().relation()).isEqualTo(Relation.ORIGINAL);
        var next = assign(article("a5", "courier.example", null, StoryTexts.BRIDGE_EDITED), Duration.ofDays(8));
        assertThat(next.story().memberCount()).isEqualTo(3);
    }

    @Test
    void aRefetchAfterItsStoryWentQuietKeepsItsAnswerAndLeavesTheStoryAlone() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        assign(article("a2", "courier.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ofHours(1));
        var rewrite = assign(article("a4", "echo.example", null, StoryTexts.BRIDGE_REWRITE), Duration.ofDays(1));
        // Day 9: the story's last member (day 1) is more than the 7-day horizon back, but the clean-up has
        // not run yet, so the index still remembers both articles.
        var founder = assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ofDays(9));
        assertThat(founder.refetch()).isTrue();
        assertThat(founder.story()).as("no story record replacing the real one with one member").isNull();
        assertThat(founder.article().storyId()).isEqualTo("a1");
        assertThat(founder.article().relation()).isEqualTo(Relation.ORIGINAL);
        var member = assign(article("a4", "echo.example", null, StoryTexts.BRIDGE_REWRITE), Duration.ofDays(9));
        assertThat(member.refetch()).isTrue();
        assertThat(member.story()).isNull();
        assertThat(member.article().storyId()).as("still in its story, not a story of its own").isEqualTo("a1");
        assertThat(member.article().relation()).isEqualTo(rewrite.article().relation());
    }

    @Test
    void anExactCopyOfAMemberTheStoryNoLongerKeepsNamesThatMembersOutlet() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        var edited = assign(article("a3", "times.example", null, StoryTexts.BRIDGE_EDITED), Duration.ofMinutes(10));
        assertThat(edited.article().relation()).isEqualTo(Relation.NEAR);
        for (int i = 0; i < StoryState.KEPT_MEMBERS; i++) {  // copies of the first push a3 out of the kept members
            assign(article("c" + i, "copy" + i + ".example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE),
                    Duration.ofMinutes(20 + i));
        }
        var copy = assign(article("w1", "wire.example", null, StoryTexts.BRIDGE_EDITED), Duration.ofHours(2));
        assertThat(copy.article().relation()).isEqualTo(Relation.EXACT);
        assertThat(copy.article().duplicateOf()).isEqualTo("a3");
        assertThat(copy.event().originalOutlet()).isEqualTo("times.example");
    }

    @Test
    void aStoryListsAtMostMaxOutletsOutletsButCountsEveryMember() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        StoryAssigner.Decision last = null;
        for (int i = 0; i < StoryState.MAX_OUTLETS + 5; i++) {
            last = assign(article("c" + i, "copy" + i + ".example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE),
                    Duration.ofSeconds(i + 1));
        }
        assertThat(last.story().memberCount()).isEqualTo(StoryState.MAX_OUTLETS + 6);
        assertThat(last.story().outlets()).hasSize(StoryState.MAX_OUTLETS).startsWith("ledger.example", "copy0.example");
    }

    @Test
    void anArchiveArticleDoesNotJoinAStoryThatBeganMoreThanAHorizonAfterIt() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        var archive = assign(article("a2", "courier.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE),
                Duration.ofDays(-30));
        assertThat(archive.article().relation()).isEqualTo(Relation.ORIGINAL);
        assertThat(archive.article().storyId()).isEqualTo("a2");
    }

    @Test
    void aStoryBeyondTheHorizonIsNotJoined() {
        assign(article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ZERO);
        var late = assign(article("a2", "courier.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE), Duration.ofDays(8));
        assertThat(late.article().relation()).isEqualTo(Relation.ORIGINAL);
        assertThat(late.article().storyId()).isEqualTo("a2");
    }

    @Test
    void candidatesSharingLittleOfTheBestOnesTermWeightAreNotScored() {
        StoryAssigner all = new StoryAssigner(StoryParams.defaults().withCandidateShare(0).withCandidateMinShare(0), new MapTable(),
                new MapTable(), new MapTable(), new MapTable(), new MapTable());
        StoryAssigner pruned = new StoryAssigner(StoryParams.defaults().withCandidateShare(0.9).withCandidateMinShare(0), new MapTable(),
                new MapTable(), new MapTable(), new MapTable(), new MapTable());
        StoryAssigner.Decision[] last = new StoryAssigner.Decision[2];
        int k = 0;
        for (StoryAssigner a : new StoryAssigner[] {all, pruned}) {
            long t = T0.toEpochMilli();
            CleanArticle first = article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE);
            a.assign(first, Fingerprinter.of(first), t);
            CleanArticle other = article("b1", "post.example", "Lorries barred from Kessington bridge",
                    StoryTexts.OTHER_BRIDGE);
            a.assign(other, Fingerprinter.of(other), t + 60_000);
            CleanArticle rewrite = article("a4", "echo.example", null, StoryTexts.BRIDGE_REWRITE);
            last[k++] = a.assign(rewrite, Fingerprinter.of(rewrite), t + 120_000);
        }
        assertThat(last[0].candidates()).as("both bridge stories share terms with the rewrite").isEqualTo(2);
        assertThat(last[1].candidates()).isEqualTo(1);
        assertThat(last[1].article().storyId()).isEqualTo(last[0].article().storyId()).isEqualTo("a1");
        assertThat(last[1].article().relation()).isEqualTo(Relation.REWRITE);
    }

    @Test
    void theCandidateShareIsValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoryParams.defaults().withCandidateShare(1.0))
                .isInstanceOf(dev.rewire.config.ConfigException.class)
                .hasMessageContaining("stories.candidateShare");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoryParams.defaults().withCandidateMinShare(-0.1))
                .isInstanceOf(dev.rewire.config.ConfigException.class)
                .hasMessageContaining("stories.candidateMinShare");
    }

    @Test
    void aStoryMetThroughAnIncidentalTermIsNotScored() {
        StoryAssigner strict = new StoryAssigner(StoryParams.defaults().withCandidateShare(0).withCandidateMinShare(0.5),
                new MapTable(), new MapTable(), new MapTable(), new MapTable(), new MapTable());
        long t = T0.toEpochMilli();
        CleanArticle first = article("a1", "ledger.example", StoryTexts.BRIDGE_TITLE, StoryTexts.BRIDGE);
        strict.assign(first, Fingerprinter.of(first), t);
        CleanArticle other = article("b1", "post.example", "Lorries barred from Kessington bridge", StoryTexts.OTHER_BRIDGE);
        var d = strict.assign(other, Fingerprinter.of(other), t + 60_000);
        assertThat(d.candidates()).as("the other bridge story shares only a few of its terms").isZero();
        assertThat(d.article().relation()).isEqualTo(Relation.ORIGINAL);
    }

    @Test
    void theShorterTheTextTheClearerTheMatchItNeeds() {
        assertThat(StoryAssigner.shortTextMargin(0)).isEqualTo(StoryAssigner.SHORT_PENALTY);
        assertThat(StoryAssigner.shortTextMargin(7)).isGreaterThan(StoryAssigner.shortTextMargin(30));
        assertThat(StoryAssigner.shortTextMargin(30)).isPositive();
        assertThat(StoryAssigner.shortTextMargin(StoryAssigner.SHORT_WORDS)).isZero();
        assertThat(StoryAssigner.shortTextMargin(5_000)).isZero();
    }
}
