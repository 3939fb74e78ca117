package dev.rewire.deploy.newsroom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the newsroom's content from the classpath ({@code newsroom/release-order.txt} and
 * {@code newsroom/stories/<story-key>.txt}) and checks it is consistent, so that writing a new story is
 * editing text files, not code. The file formats are described in {@code newsroom/README.md}.
 */
final class NewsroomCatalog {

    /** One article as written in a story file, before the server gives it a URI and a time. */
    record Entry(String storyKey, String outlet, String slug, DemoArticle.Kind kind, String title,
                 String author, List<String> paragraphs, Map<Integer, String> subheadings) {
    }

    private static final String ROOT = "newsroom/";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private NewsroomCatalog() {
    }

    /** All articles in release order; {@code outlets} are the outlet slugs that have a template. */
    static List<Entry> load(Set<String> outlets) {
        List<String[]> order = new ArrayList<>();
        for (String line : lines(ROOT + "release-order.txt")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("release-order.txt: expected 'story-key outlet', got: " + line);
            }
            order.add(parts);
        }
        Map<String, Map<String, Entry>> stories = new HashMap<>();
        for (String[] item : order) {
            stories.computeIfAbsent(item[0], key -> parseStory(key, lines(ROOT + "stories/" + key + ".txt"), outlets));
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String[] item : order) {
            Entry entry = stories.get(item[0]).get(item[1]);
            if (entry == null) {
                throw new IllegalStateException("release-order.txt names " + item[0] + " " + item[1]
                        + " but stories/" + item[0] + ".txt has no [" + item[1] + "] version");
            }
            if (!seen.add(item[0] + " " + item[1])) {
                throw new IllegalStateException("release-order.txt lists " + item[0] + " " + item[1] + " twice");
            }
            entries.add(entry);
        }
        stories.forEach((key, versions) -> versions.keySet().forEach(outlet -> {
            if (!seen.contains(key + " " + outlet)) {
                throw new IllegalStateException("stories/" + key + ".txt [" + outlet + "] is not in release-order.txt");
            }
        }));
        checkKinds(entries);
        checkUniqueUrls(entries);
        return List.copyOf(entries);
    }

    /** Parses one story file into its versions, keyed by outlet slug, in file order. */
    static Map<String, Entry> parseStory(String key, List<String> lines, Set<String> outlets) {
        Map<String, Entry> versions = new LinkedHashMap<>();
        Map<String, Map<String, String>> headers = new LinkedHashMap<>();
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        String current = null;
        boolean inHeader = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1).strip();
                if (!outlets.contains(current)) {
                    throw new IllegalStateException(key + ": unknown outlet [" + current + "]");
                }
                if (headers.put(current, new HashMap<>()) != null) {
                    throw new IllegalStateException(key + ": two versions for [" + current + "]");
                }
                bodies.put(current, new ArrayList<>());
                inHeader = true;
            } else if (current == null) {
                continue; // preamble: notes for writers
            } else if (inHeader && line.isEmpty()) {
                inHeader = false;
            } else if (inHeader) {
                int colon = line.indexOf(':');
                if (colon < 1) {
                    throw new IllegalStateException(key + " [" + current + "]: bad header line: " + line);
                }
                headers.get(current).put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            } else {
                bodies.get(current).add(line);
            }
        }
        for (String outlet : headers.keySet()) {
            Map<String, String> h = headers.get(outlet);
            DemoArticle.Kind kind = DemoArticle.Kind.valueOf(required(key, outlet, h, "kind").toUpperCase(Locale.ROOT));
            String slug = required(key, outlet, h, "slug");
            if (!SLUG.matcher(slug).matches()) {
                throw new IllegalStateException(key + " [" + outlet + "]: bad slug " + slug);
            }
            List<String> blocks = blocks(bodies.get(outlet));
            String title = h.get("title");
            String author = h.get("author");
            if (kind == DemoArticle.Kind.SYNDICATED) {
                Entry source = versions.get(required(key, outlet, h, "from"));
                if (source == null || !blocks.isEmpty()) {
                    throw new IllegalStateException(key + " [" + outlet + "]: a syndicated version names an earlier"
                            + " version of the same file in 'from:' and has no body of its own");
                }
                versions.put(outlet, new Entry(key, outlet, slug, kind, title == null ? source.title() : title,
                        author == null ? source.author() : author, source.paragraphs(), source.subheadings()));
                continue;
            }
            List<String> paragraphs = new ArrayList<>();
            Map<Integer, String> subheadings = new HashMap<>();
            for (String block : blocks) {
                if (block.startsWith("## ")) {
                    subheadings.put(paragraphs.size(), block.substring(3).strip());
                } else {
                    paragraphs.add(block);
                }
            }
            if (paragraphs.isEmpty() || subheadings.containsKey(paragraphs.size())) {
                throw new IllegalStateException(key + " [" + outlet + "]: no paragraphs, or a subheading at the end");
            }
            versions.put(outlet, new Entry(key, outlet, slug, kind, required(key, outlet, h, "title"),
                    required(key, outlet, h, "author"), List.copyOf(paragraphs), Map.copyOf(subheadings)));
        }
        return versions;
    }

    /** Blank-line separated blocks, lines within a block joined by one space. */
    private static List<String> blocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty()) {
                if (block.length() > 0) {
                    blocks.add(block.toString());
                    block.setLength(0);
                }
            } else {
                block.append(block.length() > 0 ? " " : "").append(line);
            }
        }
        if (block.length() > 0) {
            blocks.add(block.toString());
        }
        return blocks;
    }

    private static void checkKinds(List<Entry> entries) {
        Map<String, List<Entry>> byStory = new LinkedHashMap<>();
        entries.forEach(e -> byStory.computeIfAbsent(e.storyKey(), k -> new ArrayList<>()).add(e));
        byStory.forEach((key, members) -> {
            DemoArticle.Kind first = members.get(0).kind();
            boolean ok = members.size() == 1
                    ? first == DemoArticle.Kind.EXCLUSIVE
                    : first == DemoArticle.Kind.ORIGINAL && members.stream().skip(1).allMatch(
                            e -> e.kind() == DemoArticle.Kind.REWRITE || e.kind() == DemoArticle.Kind.SYNDICATED);
            if (!ok) {
                throw new IllegalStateException(key + ": a story is one EXCLUSIVE article, or an ORIGINAL released"
                        + " first followed by REWRITE/SYNDICATED versions");
            }
        });
    }

    private static void checkUniqueUrls(List<Entry> entries) {
        Set<String> paths = new HashSet<>();
        for (Entry e : entries) {
            if (!paths.add(e.outlet() + "/" + e.slug())) {
                throw new IllegalStateException("two articles at " + e.outlet() + "/" + e.slug());
            }
        }
    }

    private static String required(String key, String outlet, Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(key + " [" + outlet + "]: missing '" + name + ":'");
        }
        return value;
    }

    private static List<String> lines(String resource) {
        InputStream in = NewsroomCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
