package dev.rewire.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewire.model.RawArticle;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Publication dates, language, outlet name: the metadata peers most often get wrong. */
class MetadataTest {

    private static final String BODY = "<p>" + "The tide mill on the estuary turned again this week after a long "
            + "restoration by volunteers who rebuilt the wheel and the sluice. ".repeat(3) + "</p>";

    static Extraction extract(String url, String head) {
        String html = "<html><head>" + head + "</head><body><article>" + BODY + "</article></body></html>";
        return new HtmlExtractor().extract(new RawArticle(1, "m", url, null, null, Instant.EPOCH, RawArticle.HTML,
                html, "page", null, null, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2031-04-02T08:30:00+02:00            | 2031-04-02T06:30:00Z",
        "2031-04-02T08:30:00Z                 | 2031-04-02T08:30:00Z",
        "2031-04-02T08:30:00.123-0500         | 2031-04-02T13:30:00.123Z",
        "2031-04-02 08:30:00                  | 2031-04-02T08:30:00Z",
        "2031-04-02 08:30:00 +0100            | 2031-04-02T07:30:00Z",
        "2031-04-02                           | 2031-04-02T00:00:00Z",
        "Wed, 02 Apr 2031 08:30:00 GMT        | 2031-04-02T08:30:00Z",
        "1932854400                           | 2031-04-02T00:00:00Z",
        "1932854400000                        | 2031-04-02T00:00:00Z"})
    void dateFormatsPagesUse(String value, String expected) {
        assertThat(Dates.parse(value)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void nonsenseIsNoDate() {
        assertThat(Dates.parse("yesterday")).isNull();
        assertThat(Dates.parse("2031-13-45")).isNull();
        assertThat(Dates.parse("12")).isNull();
    }

    @Test
    void publishedTimeComesFromTheMostTrustworthySource() {
        assertThat(extract("https://x.example/a", """
                <meta property="og:updated_time" content="2031-05-01T00:00:00Z">
                <meta property="article:published_time" content="2031-04-02T06:30:00Z">""").publishedAt())
                .isEqualTo(Instant.parse("2031-04-02T06:30:00Z"));
        assertThat(extract("https://x.example/a", "<meta name=\"parsely-pub-date\" content=\"2031-04-03T10:00:00Z\">")
                .publishedAt()).isEqualTo(Instant.parse("2031-04-03T10:00:00Z"));
        assertThat(extract("https://x.example/a", """
                <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2031-04-04T09:00:00+01:00"}</script>
                """).publishedAt()).isEqualTo(Instant.parse("2031-04-04T08:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://x.example/2031/04/02/tide-mill            | 2031-04-02T00:00:00Z",
        "https://x.example/news/2031-04-02-tide-mill.html  | 2031-04-02T00:00:00Z",
        "https://x.example/20310402/tide-mill              | 2031-04-02T00:00:00Z"})
    void theUrlIsTheLastResort(String url, String expected) {
        assertThat(extract(url, "").publishedAt()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void urlsWithoutADateGiveNone() {
        assertThat(extract("https://x.example/story/123456789/tide-mill", "").publishedAt()).isNull();
        assertThat(extract("https://x.example/2031/02/31/x", "").publishedAt()).isNull();
    }

    @Test
    void siteNameAndLanguage() {
        Extraction e = extract("https://x.example/a", "<meta property=\"og:site_name\" content=\"The Estuary Post\">");
        assertThat(e.siteName()).isEqualTo("The Estuary Post");
        assertThat(e.language()).isEqualTo("en");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en | The council said that the new bridge will be open to walkers and cyclists from the first week of May, and that it has the support of the residents.",
        "de | Der Gemeinderat hat beschlossen, dass die neue Brücke ab Mai für Fußgänger und Radfahrer offen ist, und die Anwohner sind mit dem Plan auch zufrieden.",
        "fr | Le conseil a annoncé que le nouveau pont sera ouvert aux piétons et aux cyclistes dès le mois de mai, et que les habitants sont pour le projet.",
        "es | El ayuntamiento dijo que el nuevo puente estará abierto para los peatones y los ciclistas desde mayo, y que los vecinos apoyan el proyecto con su voto.",
        "ru | Совет сообщил, что новый мост будет открыт для пешеходов и велосипедистов уже в мае, и что жители в целом поддерживают этот проект, как и все.",
        "ja | 市議会は、新しい橋が五月から歩行者と自転車に開放されると発表しました。住民の多くはこの計画を支持しています。",
        "el | Το δημοτικό συμβούλιο ανακοίνωσε ότι η νέα γέφυρα θα ανοίξει για πεζούς και ποδηλάτες από τον Μάιο."})
    void languageIsGuessedFromTheText(String lang, String text) {
        assertThat(LanguageGuesser.guess(text)).isEqualTo(lang);
    }

    @Test
    void tooLittleTextIsNoGuess() {
        assertThat(LanguageGuesser.guess("Bridge opens")).isNull();
        assertThat(LanguageGuesser.guess("")).isNull();
    }
}
