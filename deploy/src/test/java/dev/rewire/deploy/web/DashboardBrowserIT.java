package dev.rewire.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewire.deploy.local.LocalPostgres;
import dev.rewire.deploy.newsroom.DemoArticle;
import dev.rewire.deploy.newsroom.DemoNewsroom;
import dev.rewire.model.CleanArticle;
import dev.rewire.model.Relation;
import dev.rewire.model.RewriteEvent;
import dev.rewire.sink.postgres.Migrations;
import dev.rewire.sink.postgres.ReadModelWriter;
import dev.rewire.sink.web.WebConfig;
import dev.rewire.sink.web.WebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}, never
 * downloaded), over a read model seeded with the demo newsroom's articles — its stories, copies and
 * rewrites, including the article whose title and body carry {@code <script>alert('x')</script>} and
 * {@code " onmouseover="alert(1)} as literal text. Saves a screenshot of a story page to
 * {@code docs/dashboard-story.png}. Skipped, with a message, where Chromium is not installed.
 */
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String SCRIPT_STORY = "ferrowick-permit-form-flaw";
    static final String SCREENSHOT_STORY = "brenmouth-tram-extension";

    @TempDir
    static Path tmp;
    static LocalPostgres pg;
    static WebServer server;
    static WebDriver driver;
    static List<DemoArticle> demo;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (/usr/bin/chromium and /usr/bin/chromedriver): skipping the dashboard's "
                        + "browser test; install it with apt-get install chromium chromium-driver (.ci/run does)");
        // A fixed clock: the same release times on every run, so the kept screenshot only changes with the UI.
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-03-02T08:00:00Z"), java.time.ZoneOffset.UTC);
        try (DemoNewsroom newsroom = DemoNewsroom.start("127.0.0.1", 0, clock, Duration.ZERO)) {
            demo = newsroom.articles();
        }
        pg = LocalPostgres.start(tmp.resolve("pg"), 0);
        Migrations.migrate(pg.dataSource());
        seed(demo);
        server = WebServer.start(new WebConfig("127.0.0.1", 0, null, 50, 200, Duration.ofMillis(500), 8, 16, 4,
                Duration.ofSeconds(1)),
                pg.dataSource(), new SimpleMeterRegistry());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1440,1000", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theStoryListShowsTheDemosStoriesRankedByRewrites() {
        driver.get(server.uri().toString());
        List<WebElement> links = waitFor(By.cssSelector("#stories a.story-link"));
        List<String> titles = links.stream().map(WebElement::getText).toList();
        long stories = demo.stream().map(DemoArticle::storyKey).distinct().count();
        assertThat(titles).hasSizeBetween((int) stories, (int) stories + 1); // + the live test's story
        DemoArticle tram = original(SCREENSHOT_STORY);
        assertThat(titles).contains(tram.title());
        // Ranked by rewrites: the first row is a story with the most copies and rewrites.
        int most = demo.stream().collect(java.util.stream.Collectors.groupingBy(DemoArticle::storyKey,
                java.util.stream.Collectors.counting())).values().stream().mapToInt(Long::intValue).max().orElse(0);
        String firstMembers = driver.findElement(By.cssSelector("#stories tbody tr td:nth-child(4)")).getText();
        assertThat(Integer.parseInt(firstMembers)).isEqualTo(most);
        noAlert();
    }

    @Test
    void aStoryPageShowsItsMembersSideBySideAndTheScriptTitleAsText() throws Exception {
        DemoArticle flaw = original(SCRIPT_STORY);
        assertThat(flaw.title()).contains("<script>alert('x')</script>");
        driver.get(server.uri() + "#/story/" + SCRIPT_STORY);
        List<WebElement> members = waitFor(By.cssSelector("#members .member"));
        long expected = demo.stream().filter(a -> a.storyKey().equals(SCRIPT_STORY)).count();
        assertThat(members).hasSize((int) expected);
        assertThat(driver.findElement(By.id("story-title")).getText()).isEqualTo(flaw.title());
        assertThat(members.get(0).getText()).contains("<script>alert('x')</script>")
                .contains("\" onmouseover=\"alert(1)");
        noAlert();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // Nothing from the data became markup: one script (the dashboard's own), no event-handler attributes.
        assertThat(js.executeScript("return document.scripts.length")).isEqualTo(1L);
        assertThat(js.executeScript("return document.querySelectorAll('[onmouseover]').length")).isEqualTo(0L);
        assertThat(js.executeScript("return document.querySelectorAll('#members script').length")).isEqualTo(0L);
        // Hovering the text that carries the attribute-breaking payload runs nothing either.
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(members.get(0)).perform();
        noAlert();
    }

    @Test
    void storyPageScreenshotIsKeptInTheDocs() throws Exception {
        driver.get(server.uri() + "#/story/" + SCREENSHOT_STORY);
        List<WebElement> members = waitFor(By.cssSelector("#members .member"));
        long expected = demo.stream().filter(a -> a.storyKey().equals(SCREENSHOT_STORY)).count();
        assertThat(members).hasSize((int) expected);
        assertThat(driver.findElements(By.cssSelector("#members mark.diff"))).isNotEmpty(); // differences highlighted
        assertThat(members).extracting(m -> m.findElement(By.cssSelector(".outlet")).getText())
                .containsExactlyElementsOf(demo.stream().filter(a -> a.storyKey().equals(SCREENSHOT_STORY))
                        .sorted(Comparator.comparing(DemoArticle::published)).map(a -> a.outlet().slug()).toList());
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path docs = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
                .getParent().resolve("docs");
        Files.createDirectories(docs);
        Files.write(docs.resolve("dashboard-story.png"), png);
        assertThat(png.length).isGreaterThan(10_000);
    }

    @Test
    void theStoryListUpdatesLiveWhenTheSinkWritesANewStory() throws Exception {
        driver.get(server.uri().toString());
        waitFor(By.cssSelector("#stories a.story-link"));
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("live")).getText().equals("live"));
        String title = "Late story: harbour crane toppled <b>by</b> gale";
        java.time.Instant t = demo.stream().map(DemoArticle::published).max(Comparator.naturalOrder()).orElseThrow();
        ReadModelWriter.writeAll(pg.dataSource(), List.of(new CleanArticle(1, "live-1", "live-1",
                "https://example.org/live-1", null, "corvane-wire", title, null, t.plusSeconds(60), t.plusSeconds(61),
                "en", "A gale toppled a crane.", 5, "live-story", Relation.ORIGINAL, null, null, Map.of())), List.of());
        // No reload: the server-sent event makes the page fetch the list again.
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#stories a.story-link"))
                .stream().anyMatch(e -> e.getText().equals(title)));
        noAlert();
    }

    @Test
    void theOutletsPageShowsWhoRewritesWhom() {
        driver.get(server.uri() + "#/outlets");
        List<WebElement> rows = waitFor(By.cssSelector("#outlets tbody tr"));
        assertThat(rows).hasSize((int) demo.stream().map(a -> a.outlet().slug()).distinct().count()); // same outlets
        assertThat(driver.findElements(By.cssSelector("#matrix td.cell"))).isNotEmpty();
        noAlert();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static List<WebElement> waitFor(By selector) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(selector).isEmpty());
        return driver.findElements(selector);
    }

    private static void noAlert() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private static DemoArticle original(String storyKey) {
        return demo.stream().filter(a -> a.storyKey().equals(storyKey))
                .min(Comparator.comparing(DemoArticle::published)).orElseThrow();
    }

    /** The read model the pipeline would build from the newsroom, written the way the sink writes it. */
    private static void seed(List<DemoArticle> articles) throws Exception {
        Map<String, DemoArticle> first = new HashMap<>();
        for (DemoArticle a : articles) {
            first.merge(a.storyKey(), a, (x, y) -> x.published().isBefore(y.published()) ? x : y);
        }
        List<CleanArticle> clean = new ArrayList<>();
        List<RewriteEvent> rewrites = new ArrayList<>();
        for (DemoArticle a : articles) {
            DemoArticle orig = first.get(a.storyKey());
            boolean isOriginal = orig == a;
            Relation relation = isOriginal ? Relation.ORIGINAL
                    : a.kind() == DemoArticle.Kind.SYNDICATED ? Relation.EXACT : Relation.REWRITE;
            String id = a.outlet().slug() + "-" + a.slug();
            String origId = orig.outlet().slug() + "-" + orig.slug();
            Double similarity = isOriginal ? null : relation == Relation.EXACT ? 1.0 : 0.42;
            String text = a.bodyText();
            clean.add(new CleanArticle(1, id, "demo-" + id, a.uri().toString(), a.uri().toString(), a.outlet().slug(),
                    a.title(), a.author(), a.published(), a.published().plusSeconds(30), "en", text,
                    text.split("\\s+").length, a.storyKey(), relation, isOriginal ? null : origId, similarity, Map.of()));
            if (!isOriginal) {
                rewrites.add(new RewriteEvent(1, id, a.storyKey(), origId, relation, similarity, a.outlet().slug(),
                        orig.outlet().slug(), Duration.between(orig.published(), a.published()).toSeconds()));
            }
        }
        ReadModelWriter.writeAll(pg.dataSource(), clean, rewrites);
    }
}
