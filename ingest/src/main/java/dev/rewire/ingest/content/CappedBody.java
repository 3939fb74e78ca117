package dev.rewire.ingest.content;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of a body read with a hard size cap, and whether the cap cut it.
 *
 * <p>Exists because every input of the ingest stage (files, JSONL lines, WARC records, web pages) may be
 * arbitrarily large or a decompression bomb: nothing here ever holds more than the cap (plus one buffer) in
 * memory, and a body over the cap is cut and flagged rather than rejected.
 *
 * @param bytes     the body, at most the cap long
 * @param truncated true when the input had more bytes than the cap (or ended inside a cut compressed stream)
 */
public record CappedBody(byte[] bytes, boolean truncated) {

    /** Largest cap a Java array can honour. */
    public static final long MAX_CAP = Integer.MAX_VALUE - 64;

    private static final int BUFFER = 16 * 1024;

    /** Reads at most {@code maxBytes} bytes of {@code in} (not closing it); one byte more marks truncation. */
    public static CappedBody read(InputStream in, long maxBytes) throws IOException {
        int cap = (int) Math.max(0, Math.min(maxBytes, MAX_CAP));
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, BUFFER));
        byte[] buffer = new byte[BUFFER];
        while (out.size() < cap) {
            int n = in.read(buffer, 0, Math.min(buffer.length, cap - out.size()));
            if (n < 0) {
                return new CappedBody(out.toByteArray(), false);
            }
            out.write(buffer, 0, n);
        }
        boolean more = in.read() >= 0;
        return new CappedBody(out.toByteArray(), more);
    }

    /**
     * Reads {@code raw} decoded per the HTTP {@code Content-Encoding} ({@code gzip}, {@code x-gzip},
     * {@code deflate} in zlib or raw form, {@code identity}; null or blank means identity), keeping at most
     * {@code maxBytes} decoded bytes. A "gzip" payload that is not gzip (some archives store it already decoded)
     * is read as is.
     *
     * @param rawTruncated true when {@code raw} itself was cut: an unexpected end of the compressed stream is
     *                     then expected and yields the bytes decoded so far, marked truncated
     * @throws IOException on a read error, corrupt compressed data or an unsupported encoding (e.g. {@code br})
     */
    public static CappedBody decode(InputStream raw, String contentEncoding, long maxBytes, boolean rawTruncated)
            throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "", "identity", "none" -> {
                CappedBody body = read(raw, maxBytes);
                return rawTruncated && !body.truncated ? new CappedBody(body.bytes, true) : body;
            }
            case "gzip", "x-gzip" -> {
                PushbackInputStream in = new PushbackInputStream(raw, 2);
                byte[] magic = in.readNBytes(2);
                in.unread(magic);
                if (magic.length < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
                    return decode(in, "identity", maxBytes, rawTruncated);
                }
                return inflate(new GZIPInputStream(in, BUFFER), maxBytes, rawTruncated);
            }
            case "deflate" -> {
                PushbackInputStream in = new PushbackInputStream(raw, 2);
                byte[] head = in.readNBytes(2);
                in.unread(head);
                boolean zlib = head.length == 2 && (head[0] & 0x0f) == 8
                        && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
                return inflate(new InflaterInputStream(in, new Inflater(!zlib), BUFFER), maxBytes, rawTruncated);
            }
            default -> throw new IOException("unsupported Content-Encoding '" + contentEncoding + "'");
        }
    }

    private static CappedBody inflate(InputStream decoded, long maxBytes, boolean rawTruncated) throws IOException {
        int cap = (int) Math.max(0, Math.min(maxBytes, MAX_CAP));
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, BUFFER));
        byte[] buffer = new byte[BUFFER];
        try {
            while (out.size() < cap) {
                int n = decoded.read(buffer, 0, Math.min(buffer.length, cap - out.size()));
                if (n < 0) {
                    return new CappedBody(out.toByteArray(), rawTruncated);
                }
                out.write(buffer, 0, n);
            }
            return new CappedBody(out.toByteArray(), decoded.read() >= 0 || rawTruncated);
        } catch (EOFException | ZipException e) {
            if (rawTruncated) {
                return new CappedBody(out.toByteArray(), true);
            }
            throw e;
        }
    }

    /** The byte count. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CappedBody other && truncated == other.truncated && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Boolean.hashCode(truncated);
    }

    @Override
    public String toString() {
        return "CappedBody[" + bytes.length + " bytes" + (truncated ? ", truncated]" : "]");
    }
}
