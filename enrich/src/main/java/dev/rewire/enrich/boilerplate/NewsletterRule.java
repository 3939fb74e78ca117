package dev.rewire.enrich.boilerplate;

import java.util.regex.Pattern;

/**
 * Newsletter and alert sign-up boxes and the consent small print under them ("Sign up for our morning
 * briefing", "Get the best stories in your inbox", "By signing up, you agree to our Terms …"). Templates
 * print them inside or right after the article body; no reporting sentence asks the reader to sign up.
 * Only short lines are judged (prompts up to 30 words, the consent small print up to 80), so an article
 * about newsletters keeps its paragraphs.
 */
public final class NewsletterRule implements BoilerplateRule {

    public static final String NAME = "newsletter-prompt";

    private static final int MAX_WORDS = 30;
    /** The consent small print is judged up to this length. */
    private static final int MAX_CONSENT_WORDS = 80;
    private static final Pattern PROMPT = Pattern.compile(
            "(?i)^\\W*(sign up|signup|subscribe|join|get|receive|want)\\b.{0,80}\\b(newsletters?|mailing list|inbox"
                    + "|e-?mail updates|email alerts|daily briefing|weekly digest)\\b.*");
    private static final Pattern CONSENT = Pattern.compile(
            "(?i)^(by (signing up|subscribing|clicking|entering your e-?mail|submitting|registering)|you can unsubscribe"
                    + "|unsubscribe at any time|thanks? (you )?for (signing up|subscribing)|this site is protected by recaptcha"
                    + "|we respect your privacy|enter your e-?mail( address)?|your e-?mail address).*");
    private static final Pattern NEWSLETTER_LABEL = Pattern.compile(
            "(?i)^\\W*(the )?[\\p{L}' ]{0,40}newsletters?\\W*$");

    @Override
    public int maxWords() {
        return MAX_CONSENT_WORDS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        String s = line.strip();
        return isBoilerplate(s, s.toLowerCase(java.util.Locale.ROOT), Lines.words(s));
    }

    /** Every match of PROMPT or NEWSLETTER_LABEL contains one of these (lower case). */
    private static final String[] TOPICS = {"newsletter", "mailing list", "inbox", "mail updates", "email alerts",
        "daily briefing", "weekly digest"};
    /** Every match of CONSENT starts with one of these (lower case). */
    private static final String[] CONSENT_OPENINGS = {"by ", "you can unsubscribe", "unsubscribe", "thank",
        "this site is", "we respect", "enter your", "your e"};

    @Override
    public boolean isBoilerplate(String s, String lower, int words) {
        if (words > MAX_CONSENT_WORDS) {
            return false;
        }
        if (words > MAX_WORDS) {
            // Consent small print runs long (message rates, opt-out keywords, privacy links); prompts do not.
            return Lines.startsWithAny(lower, CONSENT_OPENINGS) && CONSENT.matcher(s).matches();
        }
        boolean topic = Lines.containsAny(lower, TOPICS);
        if (!topic && !Lines.startsWithAny(lower, CONSENT_OPENINGS)) {
            return false; // neither regex can match: skip them
        }
        return topic && PROMPT.matcher(s).matches() || CONSENT.matcher(s).matches()
                || topic && words <= 5 && NEWSLETTER_LABEL.matcher(s).matches();
    }
}
