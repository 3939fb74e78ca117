package dev.rewire.ingest.content;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns page bytes into a string the way a browser would, leniently: a byte-order mark first, then the
 * charset of the {@code Content-Type} header, then a {@code <meta charset>} / {@code http-equiv} declaration in
 * the first 4 KB, then UTF-8. Malformed bytes become U+FFFD, never an error; a leading BOM is dropped.
 *
 * <p>Exists so that a windows-1251 page from a WARC and the same page from the live web decode identically.
 */
public final class TextDecoding {

    /** How much of the start of a page is searched for a meta charset declaration. */
    public static final int SNIFF_BYTES = 4096;

    private static final Pattern HEADER_CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.+\\-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta\\b[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.+\\-]+)", Pattern.CASE_INSENSITIVE);

    private TextDecoding() {
    }

    /**
     * Decodes {@code bytes}.
     *
     * @param contentType the {@code Content-Type} header value, or null
     * @param sniffMeta   whether to look for a meta charset (true for HTML)
     * @param truncated   whether the bytes were cut at a size cap: a multi-byte character cut in half at the end
     *                    is then dropped instead of showing as U+FFFD
     */
    public static String decode(byte[] bytes, String contentType, boolean sniffMeta, boolean truncated) {
        Charset bom = bomCharset(bytes);
        Charset charset = bom != null ? bom : detect(bytes, contentType, sniffMeta);
        String text = new String(bytes, charset);
        return clean(text, truncated);
    }

    /** Decodes {@code bytes} as UTF-8 (BOM dropped, malformed bytes replaced). */
    public static String decodeUtf8(byte[] bytes, boolean truncated) {
        return clean(new String(bytes, StandardCharsets.UTF_8), truncated);
    }

    /** The charset the page declares (header, then meta if {@code sniffMeta}), else UTF-8. */
    public static Charset detect(byte[] bytes, String contentType, boolean sniffMeta) {
        Charset fromHeader = charsetOfContentType(contentType);
        if (fromHeader != null) {
            return fromHeader;
        }
        if (sniffMeta) {
            Charset fromMeta = sniffMeta(bytes);
            if (fromMeta != null) {
                return fromMeta;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The charset parameter of a {@code Content-Type} value if Java knows it, else null. */
    public static Charset charsetOfContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = HEADER_CHARSET.matcher(contentType);
        return m.find() ? lookup(m.group(1), false) : null;
    }

    /** The charset declared by a meta element in the first {@link #SNIFF_BYTES} bytes, or null. */
    public static Charset sniffMeta(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? lookup(m.group(1), true) : null;
    }

    /**
     * True when {@code bytes} look like binary data rather than text: more than 1 % of the first 64 KB are NUL or
     * other control bytes (tab, line feed, form feed and carriage return excepted), ignoring a UTF-16 BOM. Such a
     * body (a gzip bomb of zeros, an image served as text/html) is useless as an article and would grow sixfold
     * as escaped JSON.
     */
    public static boolean looksBinary(byte[] bytes) {
        if (bomCharset(bytes) != null && bomCharset(bytes) != StandardCharsets.UTF_8) {
            return false;
        }
        int n = Math.min(bytes.length, 64 * 1024);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                control++;
            }
        }
        return n > 0 && control * 100 > n;
    }

    /** The media type without parameters, lower case, or null: {@code "Text/HTML; charset=x"} → {@code text/html}. */
    public static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** True for the media types the pipeline treats as HTML. */
    public static boolean isHtml(String baseType) {
        return "text/html".equals(baseType) || "application/xhtml+xml".equals(baseType);
    }

    /**
     * {@code text} cut so that its UTF-8 encoding is at most {@code maxBytes} long, never splitting a character
     * (or a surrogate pair); {@code text} itself when it already fits.
     */
    public static String cutToUtf8Bytes(String text, long maxBytes) {
        if ((long) text.length() * 3 <= maxBytes) {
            return text;
        }
        long bytes = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int width;
            int chars = 1;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else {
                width = 3;
            }
            if (bytes + width > maxBytes) {
                return text.substring(0, i);
            }
            bytes += width;
            i += chars;
        }
        return text;
    }

    private static Charset lookup(String name, boolean fromMeta) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        // WHATWG encoding rules: latin-1 and ASCII labels mean windows-1252; a meta tag cannot declare UTF-16.
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            n = "windows-1252";
        }
        if (fromMeta && n.startsWith("utf-16")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Charset bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static String clean(String text, boolean truncated) {
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        int end = text.length();
        if (truncated) {
            // A character cut by the size cap decodes to at most a few replacement characters at the very end.
            int limit = Math.max(start, end - 3);
            while (end > limit && text.charAt(end - 1) == '\uFFFD') {
                end--;
            }
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }
}
