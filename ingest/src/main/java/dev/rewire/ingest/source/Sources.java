package dev.rewire.ingest.source;

import dev.rewire.config.RewireConfig;
import dev.rewire.model.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Opens the right {@link ArticleSource} for a path given on the command line ({@code rewire replay INPUT…}):
 * a directory, a {@code .jsonl}/{@code .jsonl.gz} file or a {@code .warc}/{@code .warc.gz} file.
 *
 * <p>Exists so the CLI can validate every argument up front ({@link #kindOf(Path)}) with a clear message and
 * then stream the inputs one after the other ({@link #openAll(List, RewireConfig)}).
 */
public final class Sources {

    /** The kinds of replay input. */
    public enum Kind {
        /** A directory of {@code .html}/{@code .htm}/{@code .txt} files. */
        DIRECTORY,
        /** An interchange JSONL file, optionally gzip-compressed. */
        JSONL,
        /** A WARC file, optionally gzip-compressed. */
        WARC
    }

    private Sources() {
    }

    /**
     * The kind of {@code input}.
     *
     * @throws IllegalArgumentException when it does not exist, cannot be read, or is of no known kind
     */
    public static Kind kindOf(Path input) {
        if (input == null) {
            throw new IllegalArgumentException("no input given");
        }
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("input " + input + " does not exist");
        }
        if (Files.isDirectory(input)) {
            return Kind.DIRECTORY;
        }
        if (!Files.isReadable(input)) {
            throw new IllegalArgumentException("input " + input + " is not readable");
        }
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".ndjson")
                || name.endsWith(".ndjson.gz")) {
            return Kind.JSONL;
        }
        if (name.endsWith(".warc") || name.endsWith(".warc.gz")) {
            return Kind.WARC;
        }
        throw new IllegalArgumentException("cannot tell what kind of input " + input + " is: expected a directory of "
                + ".html/.htm/.txt files, a .jsonl or .jsonl.gz file (interchange JSONL) or a .warc or .warc.gz file");
    }

    /**
     * A source over {@code input}, chosen by {@link #kindOf(Path)}.
     *
     * @throws IllegalArgumentException when the input is unusable (see {@link #kindOf(Path)})
     */
    public static ArticleSource open(Path input, RewireConfig cfg) {
        return switch (kindOf(input)) {
            case DIRECTORY -> new DirectorySource(input, cfg);
            case JSONL -> new JsonlSource(input, cfg);
            case WARC -> new WarcSource(input, cfg);
        };
    }

    /**
     * One source over all {@code inputs}, in order; every input is validated now, and each is opened only when
     * the previous one is exhausted.
     *
     * @throws IllegalArgumentException naming the first unusable input
     */
    public static ArticleSource openAll(List<Path> inputs, RewireConfig cfg) {
        List<Path> checked = new ArrayList<>();
        for (Path input : inputs) {
            kindOf(input);
            checked.add(input);
        }
        return new Concatenated(checked, cfg);
    }

    /** Sources opened one after the other. */
    private static final class Concatenated extends AbstractArticleSource {
        private final List<Path> inputs;
        private final RewireConfig cfg;
        private int index = -1;
        private ArticleSource current;
        private long skippedBefore;

        Concatenated(List<Path> inputs, RewireConfig cfg) {
            this.inputs = inputs;
            this.cfg = cfg;
        }

        @Override
        protected Ingested computeNext() {
            while (true) {
                if (current != null && current.hasNext()) {
                    return current.next();
                }
                if (current != null) {
                    skippedBefore += current.skipped();
                    current.close();
                    current = null;
                }
                if (++index >= inputs.size()) {
                    return null;
                }
                Path input = inputs.get(index);
                try {
                    current = open(input, cfg);
                } catch (IllegalArgumentException e) {
                    String key = input.toAbsolutePath().normalize().toUri().toString();
                    Ingested.Failure failure = Ingested.failure(RejectReason.UNREADABLE_INPUT, e.getMessage(), key, null,
                            null, null, null, 0);
                    LoggerFactory.getLogger(Sources.class).warn("input rejected [{}] {}",
                            failure.reason().code(), failure.message());
                    return failure;
                }
            }
        }

        @Override
        protected boolean logsFailures() {
            return false;
        }

        @Override
        public long position() {
            return current == null ? 0 : current.position();
        }

        @Override
        public long skipped() {
            return skippedBefore + (current == null ? 0 : current.skipped());
        }

        @Override
        public String description() {
            return current != null ? current.description() : inputs.size() + " inputs";
        }

        @Override
        protected void doClose() {
            if (current != null) {
                current.close();
            }
        }
    }
}
