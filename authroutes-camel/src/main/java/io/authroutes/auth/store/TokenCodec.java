package io.authroutes.auth.store;

import io.authroutes.auth.Token;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A token as bytes, before sealing: every field, in a fixed order, with a format version in front. */
final class TokenCodec {

    private static final int FORMAT = 1;

    private TokenCodec() {
    }

    static byte[] encode(Token token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeText(out, token.value());
            writeInstant(out, token.obtainedAt());
            out.writeBoolean(token.expiresAt() != null);
            if (token.expiresAt() != null) {
                writeInstant(out, token.expiresAt());
            }
            out.writeBoolean(token.refreshToken() != null);
            if (token.refreshToken() != null) {
                writeText(out, token.refreshToken());
            }
            out.writeInt(token.attributes().size());
            for (Map.Entry<String, String> attribute : token.attributes().entrySet()) {
                writeText(out, attribute.getKey());
                writeText(out, attribute.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return bytes.toByteArray();
    }

    static Token decode(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        if (in.readByte() != FORMAT) {
            throw new IOException("stored by a newer authroutes (token format " + encoded[0] + ")");
        }
        String value = readText(in);
        Instant obtainedAt = readInstant(in);
        Instant expiresAt = in.readBoolean() ? readInstant(in) : null;
        String refreshToken = in.readBoolean() ? readText(in) : null;
        int attributeCount = in.readInt();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < attributeCount; i++) {
            attributes.put(readText(in), readText(in));
        }
        return new Token(value, obtainedAt, expiresAt,
                refreshToken, attributes);
    }

    /** Full precision, so a token read back equals the one stored and compares as the same. */
    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    /** Length-prefixed rather than writeUTF: some providers' tokens are longer than its 64 KB limit. */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
