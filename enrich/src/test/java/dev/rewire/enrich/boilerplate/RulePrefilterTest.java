package dev.rewire.enrich.boilerplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chain hands each rule the line's lower-case form and word count, and rules rule lines out with cheap
 * prefilters before their regexes: the answers must not change with the entry point.
 */
class RulePrefilterTest {

    private static final List<String> LINES = List.of("Share this article", "Facebook | Twitter | Email",
            "Copyright © 2031 The Example Herald. All rights reserved.", "(c) 2031 Example", "COPYRIGHT 2031",
            "Material here is free to use. All rights reserved.", "By Mirela Okafor", "BY ANA RUIZ and Tom Reed",
            "By noon the road was closed.", "Written by Ana Ruiz | 2 April 2031", "Updated at 1:23 p.m. ET",
            "November 18, 2019", "Sign up for our morning newsletter", "By signing up, you agree to our Terms",
            "Enter your email address", "The Morning Newsletter", "Already have an account? Log in",
            "Subscribe to continue reading", "Related: The ferry's first winter", "Read more", "More from Sport",
            "Support us on Patreon", "We may earn a commission when you buy through links on this page",
            "The mill owners will donate the land to the village.", "About us: We are an independent newsroom "
                    + "reporting on the coast.", "Our editorial team checks every story.", "We're an award-winning "
                    + "digital news outlet.", "Exit mobile version", "Site icon Example Herald", "  Menu  ",
            "World | Business | Sport", "<img height=\"1\" width=\"1\" src=\"https://px.example/p\"/>", "Lifestyle",
            "The council met on Tuesday and agreed to reopen the ferry: it will run from May.", "Ⓒ 2031",
            "Kelvin: \u212Aelvin", "İstanbul news", "Lorem ipsum dolor sit amet", "$1,500 – $12,000", "3 hours and 30 minutes",
            "Tips: podcasters take one-off payments through Ko-fi or Patreon pages.", "Donate now", "Recent posts", "By signing up, you agree to receive "
                    + "recurring automated text messages at the number provided. Message and data rates may apply. Up "
                    + "to two messages a day. Reply STOP to opt out. Consent is not a condition of purchase.");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Test
    void everyRuleAnswersAlikeThroughTheChainEntryPoint() {
        for (BoilerplateRule rule : BoilerplateChain.defaults().rules()) {
            for (String line : LINES) {
                String s = line.strip();
                int words = Lines.words(s);
                if (words > rule.maxWords()) {
                    continue;
                }
                String lower = rule.maxWords() == Integer.MAX_VALUE ? null : s.toLowerCase(Locale.ROOT);
                assertThat(rule.isBoilerplate(s, lower, words)).as("%s on \"%s\"", rule.name(), line)
                        .isEqualTo(rule.isBoilerplate(line));
            }
        }
    }

    @Test
    void keyEqualsTheRegexForm() {
        for (String line : LINES) {
            String s = SPACES.matcher(line.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
            int end = s.length();
            while (end > 0 && ":.…!»›> ".indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
            assertThat(Lines.key(line)).as(line).isEqualTo(s.substring(0, end));
        }
    }
}
