package dev.rewire.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, an optional {@code \r} before it dropped) without ever holding
 * more than {@code maxLineBytes} of one line: the rest of a longer line is skipped and the line is reported as
 * oversized. Works on bytes, so it is safe for UTF-8 and fast on multi-gigabyte files.
 */
final class LineReader {

    /** One line: its 1-based number, its bytes (at most the cap), and its full length in bytes. */
    record Line(long number, byte[] bytes, int length, long fullLength) {
        boolean oversized() {
            return fullLength > length;
        }
    }

    private static final int SHRINK_ABOVE = 4 * 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private byte[] line = new byte[1024];

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line, or null at the end of the stream. The returned bytes are only valid until the next call.
     */
    Line next() throws IOException {
        if (line.length > SHRINK_ABOVE) {
            line = new byte[1024];
        }
        int length = 0;
        long fullLength = 0;
        boolean sawAny = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    return finish(length, fullLength);
                }
            }
            sawAny = true;
            int start = pos;
            int newline = -1;
            for (int i = pos; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline >= 0 ? newline : limit;
            int chunk = end - start;
            fullLength += chunk;
            int room = maxLineBytes - length;
            int copy = Math.min(chunk, Math.max(room, 0));
            if (copy > 0) {
                ensureCapacity(length + copy);
                System.arraycopy(buffer, start, line, length, copy);
                length += copy;
            }
            pos = newline >= 0 ? newline + 1 : limit;
            if (newline >= 0) {
                return finish(length, fullLength);
            }
        }
    }

    private Line finish(int length, long fullLength) {
        lineNumber++;
        if (fullLength == length && length > 0 && line[length - 1] == '\r') {
            length--;
            fullLength--;
        }
        return new Line(lineNumber, line, length, fullLength);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, needed), Integer.MAX_VALUE - 64));
        }
    }
}
