package io.bastionmq.store.rocksdb;

import io.bastionmq.store.CredentialRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code credentials} family: key = UTF-8 name; value =
 * <pre>
 * u8 version(1) | u8 flags (1 device, 2 admin, 4 disabled) | i64 created | utf hash | u16 n | n × utf group
 * </pre>
 */
final class CredentialCodec {
    private static final int VERSION = 1;

    private CredentialCodec() {}

    static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(CredentialRecord c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte((c.device() ? 1 : 0) | (c.admin() ? 2 : 0) | (c.disabled() ? 4 : 0));
            out.writeLong(c.createdMillis());
            out.writeUTF(c.passwordHash());
            out.writeShort(c.groups().size());
            for (String g : c.groups().stream().sorted().toList()) {
                out.writeUTF(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static CredentialRecord decode(byte[] key, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("credential record version " + version + " is not known");
            }
            int flags = in.readUnsignedByte();
            long created = in.readLong();
            String hash = in.readUTF();
            int n = in.readUnsignedShort();
            Set<String> groups = new HashSet<>();
            for (int i = 0; i < n; i++) {
                groups.add(in.readUTF());
            }
            return new CredentialRecord(new String(key, StandardCharsets.UTF_8), (flags & 1) != 0, hash, groups,
                    (flags & 2) != 0, (flags & 4) != 0, created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
