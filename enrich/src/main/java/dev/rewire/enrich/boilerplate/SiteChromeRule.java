package dev.rewire.enrich.boilerplate;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Interface labels that content-management themes put on every page (mobile-version toggles, skip links,
 * site-icon alt texts, menu and search controls, "Advertisement" markers). These are the words of the
 * page's chrome, not of any article, and they are the same across many unrelated sites.
 */
public final class SiteChromeRule implements BoilerplateRule {

    public static final String NAME = "site-chrome";
    private static final int MAX_CHARS = 100;

    private static final Set<String> LABELS = Set.of(
            "exit mobile version", "view mobile version", "view desktop version", "switch to mobile version",
            "skip to content", "skip to main content", "skip to navigation", "jump to content",
            "toggle navigation", "toggle menu", "open menu", "close menu", "main menu", "menu",
            "search", "search for", "close", "back to top", "scroll to top", "go to top",
            "advertisement", "sponsored content", "loading", "print", "print this page", "listen to this article",
            "you are here", "breadcrumb", "home");

    /** "Site icon …", "Site logo …": image alt texts of the site's own branding. */
    private static final Pattern BRANDING = Pattern.compile("(?i)site (icon|logo)\\b.{0,60}");

    @Override
    public int maxWords() {
        return 20;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isBoilerplate(String line) {
        return isBoilerplate(line, null, Lines.words(line));
    }

    @Override
    public boolean isBoilerplate(String line, String lower, int words) {
        if (line.length() > MAX_CHARS) {
            return false; // every label and branding alt text is short; skip the work for paragraphs
        }
        String key = lower != null ? Lines.keyOfLower(lower) : Lines.key(line);
        if (LABELS.contains(key)) {
            return true;
        }
        return words <= 8 && BRANDING.matcher(line.strip()).matches();
    }
}
