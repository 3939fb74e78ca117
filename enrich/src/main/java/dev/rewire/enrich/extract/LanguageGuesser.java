package dev.rewire.enrich.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small, honest language guesser: the writing system decides for scripts used by one language (Greek,
 * Hebrew, Thai, Korean, Japanese kana, Georgian, Armenian), and for Latin and Cyrillic text the share of the
 * most frequent function words of each language decides. It knows 16 languages, needs about 20 words, and
 * says "don't know" (null) rather than guess below that or when no language clearly wins. Stateless,
 * thread-safe, linear in the sampled prefix of the text.
 */
public final class LanguageGuesser {

    private static final int SAMPLE_CHARS = 4_000;
    private static final int MIN_WORDS = 20;
    private static final double MIN_SHARE = 0.10;

    private static final Map<String, Set<String>> STOPWORDS = Map.ofEntries(
            Map.entry("en", Set.of("the", "and", "of", "to", "in", "is", "that", "for", "it", "was", "on", "with",
                    "as", "are", "be", "this", "by", "at", "from", "have", "has", "not", "but", "they", "he", "she")),
            Map.entry("de", Set.of("der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit",
                    "sich", "auf", "für", "von", "dem", "des", "im", "auch", "es", "wird", "sie", "wir", "ich")),
            Map.entry("fr", Set.of("le", "la", "les", "et", "des", "est", "une", "un", "du", "que", "pour", "dans",
                    "qui", "pas", "au", "sur", "il", "elle", "avec", "sont", "ce", "plus", "nous", "aux")),
            Map.entry("es", Set.of("el", "la", "los", "las", "y", "que", "en", "del", "se", "por", "con", "una",
                    "para", "es", "al", "lo", "como", "más", "pero", "sus", "su", "fue", "este", "está")),
            Map.entry("it", Set.of("il", "di", "che", "la", "e", "per", "un", "una", "non", "sono", "della", "del",
                    "nel", "con", "si", "gli", "le", "alla", "anche", "è", "più", "questo", "dei", "come")),
            Map.entry("pt", Set.of("o", "a", "os", "as", "de", "que", "e", "do", "da", "em", "um", "uma", "para",
                    "com", "não", "no", "na", "por", "mais", "dos", "das", "se", "como", "é", "ao", "você")),
            Map.entry("nl", Set.of("de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor",
                    "met", "die", "ook", "als", "maar", "er", "aan", "bij", "wordt", "nog", "dit", "om")),
            Map.entry("sv", Set.of("och", "att", "det", "som", "en", "är", "på", "för", "med", "av", "till", "den",
                    "inte", "har", "om", "ett", "var", "de", "jag", "men", "kan", "vi", "så", "från")),
            Map.entry("da", Set.of("og", "at", "det", "er", "en", "til", "på", "for", "med", "af", "ikke", "den",
                    "har", "de", "som", "et", "var", "jeg", "men", "kan", "vi", "om", "fra", "også")),
            Map.entry("pl", Set.of("i", "w", "nie", "na", "się", "z", "do", "że", "to", "jest", "o", "jak", "po",
                    "ale", "od", "za", "przez", "są", "dla", "co", "tak", "jego", "już", "przy")),
            Map.entry("tr", Set.of("ve", "bir", "bu", "da", "de", "için", "ile", "çok", "gibi", "daha", "olarak",
                    "ne", "en", "ama", "o", "değil", "kadar", "sonra", "olan", "var", "her", "ya", "mi", "ben")),
            Map.entry("id", Set.of("yang", "dan", "di", "dari", "ini", "itu", "dengan", "untuk", "tidak", "akan",
                    "pada", "juga", "ke", "dalam", "ada", "karena", "oleh", "bisa", "sudah", "atau", "saya")),
            Map.entry("ru", Set.of("и", "в", "не", "на", "что", "с", "по", "это", "как", "к", "но", "из", "у", "за",
                    "от", "о", "для", "же", "так", "все", "его", "она", "он", "был", "только", "уже", "или")),
            Map.entry("uk", Set.of("і", "в", "не", "на", "що", "з", "до", "це", "як", "та", "у", "за", "від", "але",
                    "для", "його", "так", "про", "він", "вона", "був", "які", "також", "ще", "або")),
            Map.entry("bg", Set.of("и", "в", "на", "да", "се", "е", "за", "не", "от", "с", "че", "по", "са", "като",
                    "той", "тя", "но", "които", "което", "при", "след", "това", "има", "ще")));

    /** Each function word with the languages it belongs to: one look-up per word of the sample. */
    private static final Map<String, List<String>> LANGUAGES_OF = new HashMap<>();

    /** Length of the longest stop word: longer words need no lookup. */
    private static final int MAX_STOPWORD_CHARS = STOPWORDS.values().stream().flatMap(Set::stream)
            .mapToInt(String::length).max().orElse(0);

    static {
        STOPWORDS.forEach((lang, words) -> words.forEach(
                w -> LANGUAGES_OF.computeIfAbsent(w, k -> new java.util.ArrayList<>()).add(lang)));
    }

    private LanguageGuesser() {
    }

    /** The ISO 639-1 code of {@code text}'s language, or null when unsure. */
    public static String guess(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        String byScript = byScript(sample);
        if (byScript != null) {
            return byScript;
        }
        Map<String, Integer> hits = new HashMap<>();
        int words = 0;
        // The runs of letters (\p{L}+) by hand; only runs as short as a stop word are looked up.
        String lower = sample.toLowerCase(Locale.ROOT);
        int n = lower.length();
        int i = 0;
        while (i < n) {
            int cp = lower.codePointAt(i);
            if (!Character.isLetter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(cp = lower.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            words++;
            List<String> langs = i - start <= MAX_STOPWORD_CHARS ? LANGUAGES_OF.get(lower.substring(start, i)) : null;
            if (langs != null) {
                for (String lang : langs) {
                    hits.merge(lang, 1, Integer::sum);
                }
            }
        }
        if (words < MIN_WORDS) {
            return null;
        }
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (var e : hits.entrySet()) {
            if (e.getValue() > bestHits) {
                second = bestHits;
                best = e.getKey();
                bestHits = e.getValue();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        if (best == null || bestHits < MIN_SHARE * words || bestHits < second * 1.2) {
            return null;
        }
        return best;
    }

    /** Languages recognisable by their script alone; null for Latin, Cyrillic or mixed text. */
    private static String byScript(String sample) {
        Map<Character.UnicodeScript, Integer> counts = new HashMap<>();
        int letters = 0;
        int latin = 0; // ASCII letters, most of most pages: counted without a script lookup
        for (int i = 0; i < sample.length(); ) {
            int cp = sample.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z') {
                    letters++;
                    latin++;
                }
            } else if (Character.isLetter(cp)) {
                letters++;
                counts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum);
            }
        }
        if (latin > 0) {
            counts.merge(Character.UnicodeScript.LATIN, latin, Integer::sum);
        }
        if (letters == 0) {
            return null;
        }
        int kana = counts.getOrDefault(Character.UnicodeScript.HIRAGANA, 0)
                + counts.getOrDefault(Character.UnicodeScript.KATAKANA, 0);
        int han = counts.getOrDefault(Character.UnicodeScript.HAN, 0);
        if (kana > 0.05 * letters) {
            return "ja";
        }
        if (counts.getOrDefault(Character.UnicodeScript.HANGUL, 0) > 0.3 * letters) {
            return "ko";
        }
        if (han > 0.3 * letters) {
            return "zh";
        }
        Map<Character.UnicodeScript, String> single = Map.of(Character.UnicodeScript.GREEK, "el",
                Character.UnicodeScript.HEBREW, "he", Character.UnicodeScript.THAI, "th",
                Character.UnicodeScript.GEORGIAN, "ka", Character.UnicodeScript.ARMENIAN, "hy",
                Character.UnicodeScript.ARABIC, "ar", Character.UnicodeScript.DEVANAGARI, "hi");
        for (var e : single.entrySet()) {
            if (counts.getOrDefault(e.getKey(), 0) > 0.5 * letters) {
                return e.getValue();
            }
        }
        return null;
    }
}
