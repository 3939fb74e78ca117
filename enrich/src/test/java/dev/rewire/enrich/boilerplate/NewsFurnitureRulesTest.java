package dev.rewire.enrich.boilerplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules added for issue 4: each claims its furniture and keeps article sentences that look alike. */
class NewsFurnitureRulesTest {

    private static final List<String> ARTICLE_LINES = List.of(
            "By noon the road had reopened, the police said.",
            "By Tuesday, the council had agreed to pay for the repairs.",
            "Our team of volunteers planted 400 trees along the river.",
            "The newsletter of the allotment society now goes to 300 households, its editor said.",
            "Readers who signed up for the trial were asked to log in every morning and record their sleep.",
            "On 3 June 2031 the ferry carried more passengers than on any day before.",
            "18 people were rescued from the ridge on Saturday.",
            "Cost questions remain");

    private static void keepsArticleText(BoilerplateRule rule) {
        for (String line : ARTICLE_LINES) {
            assertThat(rule.isBoilerplate(line)).as("%s must keep \"%s\"", rule.name(), line).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"By Mirela Okafor", "By Ana Ruiz and Tom Reed · 2 April 2031", "By Wire staff · 1 May 2031",
            "On Behalf of Example & Partners LLP | Apr 21, 2031 | Injury Law", "Written by Jo de la Cruz"})
    void bylinesAreFurniture(String line) {
        assertThat(new BylineRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void bylineRuleKeepsArticleText() {
        keepsArticleText(new BylineRule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"November 18, 2031", "Updated at 1:23 p.m. ET", "Published 3 hours ago", "18.11.2031 10:42",
            "Dec. 18, 2031", "Posted on Monday 4 August 2031", "5 min read", "Reading time 4 minutes", "2 days ago",
            "Posted: Nov 3, 2031 8: 20 AM ET Last Updated: Nov 3, 2031 9: 10 PM ET", "Updated: March 9, 2031 20: 09 IST",
            "9 / 10 / 2031 @ 1: 19PM"})
    void datelinesAreFurniture(String line) {
        assertThat(new DatelineRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void datelineRuleKeepsArticleText() {
        keepsArticleText(new DatelineRule());
        assertThat(new DatelineRule().isBoilerplate("2031")).isFalse();
        assertThat(new DatelineRule().isBoilerplate("March 2031 was the wettest month on record")).isFalse();
        assertThat(new DatelineRule().isBoilerplate("10 West 43rd")).isFalse();  // an address, not a time zone
        // long lines too, as soon as one word is neither a date word nor a number
        assertThat(new DatelineRule().isBoilerplate("Published 3 March 2031 at 9 am and updated on 4 March 2031 at 10 pm "
                + "after the vote")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$1,500 – $12,000", "2.5% + $0.25", "€300 – €2,000", "3 hours and 30 minutes",
            "1 hour and 45 minutes"})
    void pricesRatesAndDurationsAreNoDatelines(String line) {
        assertThat(new DatelineRule().isBoilerplate(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sign up for our weekly newsletter", "Get the Gazette's nature notes in your inbox every Friday.",
            "By signing up, you agree to our Terms of Use and Privacy Policy.", "The Morning Tide newsletter",
            "You can unsubscribe at any time."})
    void newsletterPromptsAreFurniture(String line) {
        assertThat(new NewsletterRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void newsletterRuleKeepsArticleText() {
        keepsArticleText(new NewsletterRule());
    }

    @Test
    void longConsentSmallPrintIsFurnitureButLongPromptsAreNot() {
        NewsletterRule rule = new NewsletterRule();
        String consent = "By signing up, you agree to receive recurring automated text messages from Tide Offers at the "
                + "number provided. Message and data rates may apply. Up to three messages a day. Reply STOP to opt out "
                + "or HELP for help. Consent is not a condition of any purchase. See our Privacy Policy and Terms.";
        assertThat(rule.isBoilerplate(consent)).isTrue();
        String story = "Sign up for the allotment society's newsletter was how most members first heard of the plan, "
                + "the chair said, and within a week the waiting list for plots had doubled, forcing the council to "
                + "look again at the empty land behind the station.";
        assertThat(rule.isBoilerplate(story)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Already have an account? Log in", "Subscribe to continue reading",
            "This article is exclusive to Tide+ subscribers", "Create a free account to keep reading", "Log in"})
    void paywallPromptsAreFurniture(String line) {
        assertThat(new PaywallRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void paywallRuleKeepsArticleText() {
        keepsArticleText(new PaywallRule());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Our editorial team has covered the valley for decades and checks every fact before it reaches readers.",
        "About us: The Lakeside Echo is an independent paper owned by its readers and reporting since 1899.",
        "We are an independent, reader-funded newsroom covering the three valleys."})
    void aboutUsBlurbsAreFurniture(String line) {
        assertThat(new AboutUsRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void aboutUsRuleKeepsArticleText() {
        keepsArticleText(new AboutUsRule());
        assertThat(new AboutUsRule().isBoilerplate(
                "Our team found that the river rose faster than the model predicted, the hydrologist said.")).isFalse();
    }

    @Test
    void theDefaultChainCountsEachRuleUnderItsName() {
        var result = BoilerplateChain.defaults().filter(List.of("By Mirela Okafor", "The ferry sails at six.",
                "Updated at 1:23 p.m. ET", "Get the Gazette's nature notes in your inbox every Friday.", "Log in",
                "Our newsroom team has reported on the fells for decades, and we check every fact for our readers."));
        assertThat(result.kept()).containsExactly("The ferry sails at six.");
        assertThat(result.removed()).containsEntry(BylineRule.NAME, 1).containsEntry(DatelineRule.NAME, 1)
                .containsEntry(NewsletterRule.NAME, 1).containsEntry(PaywallRule.NAME, 1)
                .containsEntry(AboutUsRule.NAME, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Enjoyed this piece? We need your help to keep publishing.", "Support us on Patreon",
            "We may earn a commission when you buy through links on this page.", "This post may contain affiliate links.",
            "Donate now", "Buy me a coffee if this guide helped you"})
    void supportPromptsAreFurniture(String line) {
        assertThat(new SupportPromptRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void supportPromptRuleKeepsArticleText() {
        keepsArticleText(new SupportPromptRule());
        assertThat(new SupportPromptRule().isBoilerplate(
                "The council will support the plan if the donation from the mill owners arrives in time.")).isFalse();
        assertThat(new SupportPromptRule().isBoilerplate("The mill owners will donate the land to the village.")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tips: podcasters take one-off payments through Ko-fi or Patreon pages.",
            "Referral schemes: bloggers earn a commission when readers buy through affiliate links."})
    void sentencesAboutDonationPlatformsAreArticleText(String line) {
        assertThat(new SupportPromptRule().isBoilerplate(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Read more: The ferry's first winter", "[Related: Lock gates close for repairs]",
            "See also: Tide tables for May"})
    void inlinePointersToOtherStoriesAreFurniture(String line) {
        assertThat(new RelatedLinksRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void markupThatLeakedAsTextIsFurniture() {
        MarkupLeakRule rule = new MarkupLeakRule();
        assertThat(rule.isBoilerplate("<img height=\"1\" width=\"1\" style=\"display:none\" src=\"https://px.example/p?c=2\"/>"))
                .isTrue();
        assertThat(rule.isBoilerplate("<b>Note:</b> the ferry runs on Sundays from May until the end of September.")).isFalse();
        keepsArticleText(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
            "Lorem ipsum 2", "• Lorem Ipsum", "“Lorem ipsum dolor sit amet”"})
    void placeholderLatinIsFurniture(String line) {
        assertThat(new PlaceholderTextRule().isBoilerplate(line)).isTrue();
    }

    @Test
    void placeholderRuleKeepsArticleText() {
        PlaceholderTextRule rule = new PlaceholderTextRule();
        assertThat(rule.isBoilerplate("Designers have filled empty layouts with lorem ipsum since the 1960s.")).isFalse();
        keepsArticleText(rule);
    }
}
