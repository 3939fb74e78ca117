package dev.rewire.enrich.stories;

import dev.rewire.enrich.extract.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An honest, dictionary-free extractor of what survives a rewrite: names and numbers. Names are
 * capitalised words and acronyms that are not a sentence's first word (unless they continue into a
 * capitalised sequence), reported as lower-case tokens so "Brian Nichols" and "Nichols" share one; numbers
 * are digit tokens and small number words followed by a unit noun ("485 years", "five hours" → "5 hour"),
 * plus the bare digit token. Stateless and thread-safe.
 */
public final class EntityExtractor {

    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"),
            Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"),
            Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"),
            Map.entry("fifteen", "15"), Map.entry("twenty", "20"), Map.entry("thirty", "30"),
            Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("hundred", "100"),
            Map.entry("dozen", "12"));

    /** Names (lower-case tokens, with counts) and numbers (normalised, distinct) of one text. */
    public record Entities(Map<String, Integer> names, Set<String> numbers) {
    }

    private EntityExtractor() {
    }

    public static Entities extract(String text) {
        Map<String, Integer> names = new LinkedHashMap<>();
        Set<String> numbers = new LinkedHashSet<>();
        if (text == null || text.isEmpty()) {
            return new Entities(names, numbers);
        }
        String n = SafeText.nfkc(text);
        List<String> sentence = new ArrayList<>();
        int i = 0;
        int len = n.length();
        while (i < len) {
            char c = n.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                Terms.Token t = Terms.token(n, start);
                i = t.end();
                // an over-long token is no word: a break, like punctuation
                sentence.add(i - start <= Terms.MAX_TOKEN ? t.text() : "");
                continue;
            }
            if (c == '\n' || ((c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
                    && (i + 1 >= len || Character.isWhitespace(n.charAt(i + 1))))) {
                sentence(sentence, names, numbers);
                sentence.clear();
            } else if (c == '"' || c == '“' || c == '”' || c == '(' || c == ')' || c == '—' || c == '–') {
                sentence.add("");  // a break inside a sentence: the next word may be capitalised by quoting
            }
            i++;
        }
        sentence(sentence, names, numbers);
        return new Entities(names, numbers);
    }

    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "sept", "oct", "nov", "dec");

    private static void sentence(List<String> words, Map<String, Integer> names, Set<String> numbers) {
        boolean atStart = true;
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            if (w.isEmpty()) {
                atStart = true;
                continue;
            }
            String lower = w.toLowerCase(Locale.ROOT);
            if (Character.isDigit(w.charAt(0))) {
                String num = lower.replace(",", "");
                String month = month(words, k - 1) != null ? month(words, k - 1) : month(words, k + 1);
                String unit = unit(words, k + 1);
                if (month != null && num.length() <= 2 && Character.isDigit(num.charAt(num.length() - 1))) {
                    numbers.add(month + " " + Integer.parseInt(num));  // a date: "June 24", "24 June"
                } else if (unit != null) {
                    numbers.add(num + " " + unit);
                }
                numbers.add(num);
            } else if (NUMBER_WORDS.containsKey(lower)) {
                String unit = unit(words, k + 1);
                if (unit != null) {
                    numbers.add(NUMBER_WORDS.get(lower) + " " + unit);
                }
            } else if (isCapitalised(w) && !Terms.isStopword(lower)) {
                boolean next = k + 1 < words.size() && !words.get(k + 1).isEmpty() && isCapitalised(words.get(k + 1));
                boolean prev = k > 0 && !words.get(k - 1).isEmpty() && isCapitalised(words.get(k - 1));
                if (!atStart || next || prev || isAcronym(w)) {
                    names.merge(lower, 1, Integer::sum);
                }
            }
            atStart = false;
        }
    }

    private static String month(List<String> words, int k) {
        if (k < 0 || k >= words.size() || words.get(k).isEmpty()) {
            return null;
        }
        String m = words.get(k).toLowerCase(Locale.ROOT);
        return MONTHS.contains(m) && Character.isUpperCase(words.get(k).charAt(0)) ? m.substring(0, 3) : null;
    }

    private static String unit(List<String> words, int k) {
        if (k >= words.size() || words.get(k).isEmpty() || Character.isUpperCase(words.get(k).charAt(0))) {
            return null;
        }
        String u = words.get(k).toLowerCase(Locale.ROOT);
        if (Character.isDigit(u.charAt(0)) || u.length() < 2 || Terms.isStopword(u) && !u.equals("years")
                && !u.equals("days") && !u.equals("people")) {
            return null;
        }
        return Terms.stem(u);
    }

    static boolean isCapitalised(String w) {
        return w.length() > 1 && Character.isUpperCase(w.charAt(0));
    }

    static boolean isAcronym(String w) {
        if (w.length() < 2 || w.length() > 6) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isUpperCase(w.charAt(i)) && !Character.isDigit(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
