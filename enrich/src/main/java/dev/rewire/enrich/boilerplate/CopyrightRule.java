package dev.rewire.enrich.boilerplate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Copyright and rights notices ("Copyright © 2031 …", "© The Example Post", "All rights reserved."). They
 * belong to the page footer; when a page is copied as text the footer comes along as a last line. A line
 * starting with a copyright marker is removed whatever follows it (legal disclaimers are often appended);
 * a line merely mentioning "all rights reserved" must also be short.
 */
public final class CopyrightRule implements BoilerplateRule {

    public static final String NAME = "copyright";

    private static final Pattern STARTS = Pattern.compile(
            "(?i)(©|\\(c\\)\\s*\\d{4}|copyright\\s*(©|\\(c\\)|\\d{4}|all rights)).*", Pattern.DOTALL);
    private static final int MAX_WORDS_FOR_RIGHTS = 25;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        String s = line.strip();
        return isBoilerplate(s, s.toLowerCase(Locale.ROOT), Lines.words(s));
    }

    @Override
    public boolean isBoilerplate(String s, String lower, int words) {
        char first = s.isEmpty() ? ' ' : s.charAt(0);
        // STARTS can only match from '©', "(c)" or "copyright": test the first character before the regex.
        if ((first == '©' || first == '(' || first == 'c' || first == 'C') && STARTS.matcher(s).matches()) {
            return true;
        }
        return words <= MAX_WORDS_FOR_RIGHTS
                && (lower != null ? lower : s.toLowerCase(Locale.ROOT)).contains("all rights reserved");
    }
}
