package dev.rewire.enrich.boilerplate;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A line that holds only a date or time stamp, possibly with its label ("November 18, 2019",
 * "Updated at 1:23 p.m. ET", "Published 3 hours ago", "18.11.2019 10:42"), or two of them ("Posted: Nov 3,
 * 2031 8:20 AM ET Last Updated: Nov 3, 2031 9:10 PM ET"). Templates print it next to the headline; it is
 * metadata (the published time is extracted separately), never a sentence of the story — nor a title: a
 * page copied as text often starts with its stamp, and the plain-text extractor takes the first line the
 * rules keep as the headline.
 *
 * <p>Every token must be a number, a month or weekday, a label or a time zone, so the rule can allow a
 * long line: no sentence is made of those alone.
 */
public final class DatelineRule implements BoilerplateRule {

    public static final String NAME = "dateline";

    private static final int MAX_WORDS = 24;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    /** A day, year or clock figure, with an ordinal suffix or a glued am/pm ("1:19PM"). */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}(st|nd|rd|th|am|pm)?");
    private static final Set<String> DATE_WORDS = Set.of(
            "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
            "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
            "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thurs", "thursday", "fri", "friday",
            "sat", "saturday", "sun", "sunday", "am", "pm", "a", "p", "m", "et", "est", "edt", "pt", "pst", "pdt", "ct",
            "cst", "gmt", "utc", "bst", "cet", "cest", "cdt", "mst", "mdt", "hst", "akst", "akdt", "ist", "jst", "kst",
            "hkt", "sgt", "aest", "aedt", "acst", "awst", "nzst", "nzdt", "eet", "eest", "msk", "sast",
            "updated", "update", "published", "posted", "modified",
            "last", "on", "at", "ago", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days",
            "week", "weeks", "month", "months", "year", "years", "today", "yesterday", "read", "reading", "time",
            "and", "of", "first", "date");
    private static final Set<String> LABELS = Set.of("updated", "update", "published", "posted", "modified",
            "ago", "today", "yesterday", "am", "pm");
    /** Units of a duration: a stamp with a label ("3 hours ago", "5 min read"), a span of time without one. */
    private static final Set<String> DURATION_UNITS = Set.of("minute", "minutes", "min", "mins", "hour", "hours",
            "hr", "hrs", "days", "week", "weeks", "month", "months", "year", "years");

    @Override
    public int maxWords() {
        return MAX_WORDS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        return isBoilerplate(line, line.toLowerCase(Locale.ROOT), Lines.words(line));
    }

    @Override
    public boolean isBoilerplate(String line, String lower, int words) {
        if (words > MAX_WORDS || hasAmountSign(line)) {
            return false; // prices and rates ("$500 – $5,000", "2.9% + $0.30") are numbers, not dates
        }
        var m = TOKEN.matcher(lower);
        int numbers = 0;
        int months = 0;
        int labels = 0;
        while (m.find()) {
            String t = m.group();
            if (NUMBER.matcher(t).matches()) {
                numbers++;
            } else if (DATE_WORDS.contains(t)) {
                if (LABELS.contains(t)) {
                    labels++;
                } else if (t.length() >= 3 && !t.equals("and") && !t.equals("day") && !t.equals("last")
                        && !DURATION_UNITS.contains(t)) {
                    months++;
                }
            } else {
                return false;
            }
        }
        // Needs a number and either a month/weekday name, a label, or a numeric date of three parts; a duration
        // ("3 hours and 30 minutes") has none of them.
        return numbers > 0 && (months > 0 || labels > 0 || numbers >= 3);
    }

    private static boolean hasAmountSign(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '$' || c == '%' || c == '€' || c == '£' || c == '¥') {
                return true;
            }
        }
        return false;
    }
}
