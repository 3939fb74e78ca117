package dev.rewire.enrich.stories;

import dev.rewire.enrich.extract.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Word tokens of a text for the story fingerprints: NFKC, lower case, letters and digits only, with a
 * light plural stemmer so "ministers" and "minister" meet. Exists so every fingerprint (terms, shingles,
 * entities) cuts words the same way. Stateless and thread-safe.
 */
public final class Terms {

    /**
     * Function words and the vocabulary of news reporting itself ("said", "reported", weekdays): they say
     * nothing about which story an article tells. Needed because document frequencies are learned online
     * and are flat at the start of a stream.
     */
    static final Set<String> STOPWORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
            "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "few", "for",
            "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
            "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
            "last", "later", "least", "less", "like", "made", "make", "many", "may", "me", "might", "more",
            "most", "much", "must", "my", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
            "only", "or", "other", "our", "ours", "out", "over", "own", "per", "same", "she", "should", "since",
            "so", "some", "still", "such", "than", "that", "the", "their", "theirs", "them", "then", "there",
            "these", "they", "this", "those", "though", "through", "to", "too", "under", "until", "up", "upon",
            "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
            "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your",
            "yours", "s", "t", "said", "says", "say", "told", "tell", "according", "reported", "report",
            "reports", "news", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "today", "yesterday", "week", "year", "years", "day", "days",
            "time", "people", "get", "got", "go", "going", "went", "two", "three", "first", "well", "back",
            "way", "take", "took", "see", "know", "think", "added", "including", "around",
            "another", "among", "across", "asked", "set", "come", "came", "want", "use", "used");

    /**
     * Longest token kept, in characters. Longer "words" are not vocabulary (base64, URLs glued together, a
     * page made of one giant token); dropping them bounds every term and name a fingerprint carries (a term
     * is a JSON map key in the repartition topic, and Jackson refuses names over 50,000 characters).
     */
    public static final int MAX_TOKEN = 40;

    private Terms() {
    }

    /** The words of {@code text}: NFKC, lower case, each a {@link #token} (letters, digits, separators inside numbers). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String n = SafeText.nfkc(text).toLowerCase(Locale.ROOT);
        int i = 0;
        int len = n.length();
        while (i < len) {
            while (i < len && !Character.isLetterOrDigit(n.charAt(i))) {
                i++;
            }
            int start = i;
            if (start < len) {
                Token t = token(n, start);
                i = t.end();
                if (i - start <= MAX_TOKEN) {
                    out.add(t.text());
                }
            }
        }
        return out;
    }

    /** One token of a text and the index just past it. */
    record Token(String text, int end) {
    }

    /**
     * The token that starts at {@code start} (a letter or digit): letters and digits, a '.' or ',' between
     * digits ("3,000", "1.8"), and a separator followed by a space inside a number ("5. 9", closed up:
     * {@link #spacedSeparator}). The one tokeniser of terms and of names and numbers.
     */
    static Token token(String n, int start) {
        int len = n.length();
        int i = start;
        StringBuilder spaced = null;  // the token, when a spaced separator was closed up
        while (i < len) {
            char c = n.charAt(i);
            if (Character.isLetterOrDigit(c) || (c == '.' || c == ',') && i > start && i + 1 < len
                    && Character.isDigit(n.charAt(i + 1)) && Character.isDigit(n.charAt(i - 1))) {
                if (spaced != null) {
                    spaced.append(c);
                }
                i++;
            } else if (i > start && spacedSeparator(n, i)) {
                if (spaced == null) {
                    spaced = new StringBuilder(n.substring(start, i));
                }
                spaced.append(c);
                i += 2;
            } else {
                break;
            }
        }
        return new Token(spaced != null ? spaced.toString() : n.substring(start, i), i);
    }

    /**
     * A decimal point or thousands separator followed by a space inside a number, as tokenised corpora and
     * text extracted from PDFs write them ("5. 9", "200, 000"), so that the number is read whole: after one
     * to three digits a '.', a space and one or two digits (a sentence rarely starts with a numeral: news
     * style spells those out; after four digits it is a year ending the sentence), or after a digit a ',', a
     * space and exactly three digits; in both cases not followed by a letter.
     */
    static boolean spacedSeparator(String n, int i) {
        char c = n.charAt(i);
        if ((c != '.' && c != ',') || i == 0 || !Character.isDigit(n.charAt(i - 1)) || i + 2 >= n.length()
                || n.charAt(i + 1) != ' ' || !Character.isDigit(n.charAt(i + 2))) {
            return false;
        }
        int digits = 0;
        while (i - 1 - digits >= 0 && Character.isDigit(n.charAt(i - 1 - digits))) {
            digits++;
        }
        if (c == '.' && digits > 3) {
            return false;  // "in 2005. 9 people": a year ends the sentence
        }
        int end = i + 2;
        while (end < n.length() && Character.isDigit(n.charAt(end))) {
            end++;
        }
        boolean letterAfter = end < n.length() && Character.isLetter(n.charAt(end));
        return c == '.' ? end - (i + 2) <= 2 && !letterAfter : end - (i + 2) == 3 && !letterAfter;
    }

    /** True for words that carry no story information (stop words, one character, pure punctuation). */
    public static boolean isStopword(String word) {
        return word.length() < 2 || STOPWORDS.contains(word);
    }

    /** A light plural and possessive stemmer: "cities" → "city", "talks" → "talk", "glass" stays. */
    public static String stem(String word) {
        int n = word.length();
        if (n <= 3 || Character.isDigit(word.charAt(n - 1))) {
            return word;
        }
        if (word.endsWith("ies") && n > 4) {
            return word.substring(0, n - 3) + "y";
        }
        if (word.endsWith("sses")) {
            return word.substring(0, n - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return word.substring(0, n - 1);
        }
        return word;
    }

    /** A content term of {@code word}, or null for a stop word. Numbers get a {@code #} prefix. */
    public static String term(String word) {
        if (isStopword(word)) {
            return null;
        }
        if (Character.isDigit(word.charAt(0))) {
            return "#" + word.replace(",", "");
        }
        return stem(word);
    }
}
