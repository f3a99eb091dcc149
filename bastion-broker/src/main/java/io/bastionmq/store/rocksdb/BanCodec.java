package io.bastionmq.store.rocksdb;

import io.bastionmq.store.BanRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Layout of the {@code bans} column family. The key is {@code kind 0x00 value} (UTF-8; neither
 * part contains U+0000, see {@link Keys}); the value is versioned like every other record:
 *
 * <pre>
 * +---------+--------------+--------------+---------------+---------------+--------------+
 * | version | kind (UTF)   | value (UTF)  | reason (UTF)  | created (i64) | expires (i64)|
 * |  0x01   | u16 len+data | u16 len+data | u16 len+data  | epoch ms      | epoch ms     |
 * +---------+--------------+--------------+---------------+---------------+--------------+
 * </pre>
 */
final class BanCodec {
    static final byte VERSION = 1;

    private BanCodec() {}

    static byte[] key(String kind, String value) {
        byte[] k = Keys.clientPrefix(kind);
        byte[] v = Keys.utf8(value);
        byte[] key = new byte[k.length + v.length];
        System.arraycopy(k, 0, key, 0, k.length);
        System.arraycopy(v, 0, key, k.length, v.length);
        return key;
    }

    static byte[] encode(BanRecord ban) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(ban.kind());
            out.writeUTF(ban.value());
            out.writeUTF(ban.reason());
            out.writeLong(ban.createdAtMillis());
            out.writeLong(ban.expiresAtMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static BanRecord decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown ban record version " + version);
            }
            return new BanRecord(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new IllegalStateException("truncated ban record: " + e.getMessage(), e);
        }
    }
}
