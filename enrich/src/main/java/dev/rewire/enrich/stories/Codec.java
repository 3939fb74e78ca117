package dev.rewire.enrich.stories;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compact binary encoding of the story index's values. JSON would cost several times the bytes and the
 * time on the hot path (each article reads a score of story states); every value starts with a version
 * byte so the layout can change.
 */
final class Codec {

    private Codec() {
    }

    static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        final DataOutputStream out = new DataOutputStream(bytes);

        Out str(String s) {
            try {
                if (s == null) {
                    out.writeBoolean(false);
                } else {
                    out.writeBoolean(true);
                    out.writeUTF(s);
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Out i(int v) {
            try {
                out.writeInt(v);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Out l(long v) {
            try {
                out.writeLong(v);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Out f(float v) {
            try {
                out.writeFloat(v);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Out b(int v) {
            try {
                out.writeByte(v);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Out strs(List<String> list) {
            i(list.size());
            list.forEach(this::str);
            return this;
        }

        Out weights(Map<String, Float> map) {
            i(map.size());
            map.forEach((k, v) -> str(k).f(v));
            return this;
        }

        Out ints(int[] a) {
            i(a.length);
            for (int v : a) {
                i(v);
            }
            return this;
        }

        byte[] done() {
            return bytes.toByteArray();
        }
    }

    static final class In {
        final DataInputStream in;

        In(byte[] data) {
            in = new DataInputStream(new ByteArrayInputStream(data));
        }

        String str() {
            try {
                return in.readBoolean() ? in.readUTF() : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int i() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long l() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        float f() {
            try {
                return in.readFloat();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int b() {
            try {
                return in.readByte();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> strs() {
            int n = i();
            List<String> list = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                list.add(str());
            }
            return list;
        }

        Map<String, Float> weights() {
            int n = i();
            Map<String, Float> map = new LinkedHashMap<>(n * 2);
            for (int k = 0; k < n; k++) {
                map.put(str(), f());
            }
            return map;
        }

        int[] ints() {
            int n = i();
            int[] a = new int[n];
            for (int k = 0; k < n; k++) {
                a[k] = i();
            }
            return a;
        }
    }
}
