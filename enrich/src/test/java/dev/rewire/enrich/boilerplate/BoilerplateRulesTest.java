package dev.rewire.enrich.boilerplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BoilerplateRulesTest {

    /** Sentences of article text that no rule may claim. */
    private static final List<String> ARTICLE_LINES = List.of(
            "The ferry will sail six nights a week from the north quay.",
            "Share prices of the operator rose by four percent after the vote.",
            "Related talks between the two councils are expected next month, officials said.",
            "Copyright lawyers say the new rules will be tested in court.",
            "“We have waited long enough,” she said.",
            "Cost questions remain",
            "Yes.",
            "2031",
            "Follow-up inspections found no further damage to the pier or the ramp.");

    private static void assertKeepsArticleText(BoilerplateRule rule) {
        for (String line : ARTICLE_LINES) {
            assertThat(rule.isBoilerplate(line)).as("%s must keep \"%s\"", rule.name(), line).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Published", "on", "Lifestyle", "Trending", "Editorial:", "Well-being"})
    void loneWordsAreFurniture(String line) {
        assertThat(new LoneWordRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void loneWordRuleKeepsArticleText() {
        assertKeepsArticleText(new LoneWordRule());
        assertThat(new LoneWordRule().isBoilerplate("Supercalifragilisticexpialidocious")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Exit mobile version", "Skip to content", "Site icon The Lakeside Echo",
            "Site logo Orchard News", "Back to top", "Advertisement", "Toggle navigation"})
    void siteChromeIsFurniture(String line) {
        assertThat(new SiteChromeRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void siteChromeRuleKeepsArticleText() {
        assertKeepsArticleText(new SiteChromeRule());
        assertThat(new SiteChromeRule().isBoilerplate("Site icons were repainted by volunteers across the old town"))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Share this", "Share this article", "Connect with us", "Follow us on Mastodon",
            "Facebook Twitter Email", "Share on WhatsApp", "Sign up for our morning briefing", "Subscribe"})
    void socialPromptsAreFurniture(String line) {
        assertThat(new SocialCallToActionRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void socialRuleKeepsArticleText() {
        assertKeepsArticleText(new SocialCallToActionRule());
        assertThat(new SocialCallToActionRule().isBoilerplate("Subscribers to the ferry pass will pay less from May."))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Copyright © 2031 Lakeside Echo Media. All rights reserved.",
            "© The Harbour Ledger 2031", "(c) 2031 Valley Courier Ltd",
            "Copyright © All rights reserved. This site offers general information only and accepts no liability for"
                    + " decisions made on the basis of its content, which may be incomplete or out of date.",
            "Fenwick Gazette Ltd. All rights reserved."})
    void copyrightNoticesAreFurniture(String line) {
        assertThat(new CopyrightRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void copyrightRuleKeepsArticleText() {
        assertKeepsArticleText(new CopyrightRule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Related Sources:", "Related", "Read more", "See also:", "More from the Ledger",
            "You may also like", "Most read", "Recent posts", "More like this", "Related reads", "Top stories",
            "Recently by Ana Ruiz"})
    void relatedLinkHeadersAreFurniture(String line) {
        assertThat(new RelatedLinksRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void relatedRuleKeepsArticleText() {
        assertKeepsArticleText(new RelatedLinksRule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"• Source 1 • Source 2", "News | Sport | Weather | Opinion", "Home · World · Local politics"})
    void linkListsAreFurniture(String line) {
        assertThat(new LinkListRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void linkListRuleKeepsArticleText() {
        assertKeepsArticleText(new LinkListRule());
        assertThat(new LinkListRule().isBoilerplate(
                "The vote was close | nine in favour and four against, after a debate lasting most of the evening"
                        + " | the mayor abstained")).isFalse();
        assertThat(new LinkListRule().isBoilerplate("Before | After")).isFalse();
    }

    @Test
    void chainRemovesWithTheFirstMatchingRuleAndCountsPerRule() {
        BoilerplateChain.Result r = BoilerplateChain.defaults().filter(List.of(
                "Connect with us", "", "Trending", "The ferry will sail six nights a week from the north quay.",
                "  ", "Exit mobile version", "Published", "• One • Two"));
        assertThat(r.kept()).containsExactly("The ferry will sail six nights a week from the north quay.");
        assertThat(r.removed()).containsEntry("social-call-to-action", 1).containsEntry("lone-word", 2)
                .containsEntry("site-chrome", 1).containsEntry("link-list", 1).hasSize(4);
        assertThat(BoilerplateChain.defaults().rules()).extracting(BoilerplateRule::name).doesNotHaveDuplicates();
    }
}
