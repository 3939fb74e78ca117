package dev.rewire.enrich.stories;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Length-prefixed UTF-8 strings in the index's binary values (-1 for null). */
final class Bytes {

    private Bytes() {
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static int size(byte[] s) {
        return 4 + (s == null ? 0 : s.length);
    }

    static void put(ByteBuffer b, byte[] s) {
        if (s == null) {
            b.putInt(-1);
        } else {
            b.putInt(s.length).put(s);
        }
    }

    static String get(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }
}
