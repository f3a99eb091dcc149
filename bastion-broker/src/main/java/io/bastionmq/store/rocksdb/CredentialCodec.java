package io.bastionmq.store.rocksdb;

import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.ScramKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code credentials} family: key = UTF-8 name; value =
 * <pre>
 * u8 version(1) | u8 flags (1 device, 2 admin, 4 disabled) | i64 created | utf hash | u16 n | n × utf group
 *   [ u8 'S' | u8 m | m × ( u8 hash (1 SHA-256, 2 SHA-512) | i32 iterations | u8 len | salt
 *                          | u8 len | StoredKey | ServerKey (same len) ) ]
 * </pre>
 * The SCRAM section is optional and trails the version 1 layout, so records written before it
 * existed still load (without SCRAM verifiers), and a broker that predates it reads the records
 * of a newer one and ignores the section.
 */
final class CredentialCodec {
    private static final int VERSION = 1;
    private static final int SCRAM_SECTION = 'S';
    private static final int SHA_256 = 1;
    private static final int SHA_512 = 2;

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
            int scram = (c.scramSha256() == null ? 0 : 1) + (c.scramSha512() == null ? 0 : 1);
            if (scram > 0) {
                out.writeByte(SCRAM_SECTION);
                out.writeByte(scram);
                writeScram(out, SHA_256, c.scramSha256());
                writeScram(out, SHA_512, c.scramSha512());
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
            ScramKeys sha256 = null;
            ScramKeys sha512 = null;
            if (in.available() > 0) {
                if (in.readUnsignedByte() != SCRAM_SECTION) {
                    throw new IllegalStateException("credential record has an unknown trailing section");
                }
                int m = in.readUnsignedByte();
                for (int i = 0; i < m; i++) {
                    int hashId = in.readUnsignedByte();
                    ScramKeys keys = readScram(in);
                    switch (hashId) {
                        case SHA_256 -> sha256 = keys;
                        case SHA_512 -> sha512 = keys;
                        default -> { } // a hash a later version added: not usable here
                    }
                }
            }
            return new CredentialRecord(new String(key, StandardCharsets.UTF_8), (flags & 1) != 0, hash, groups,
                    (flags & 2) != 0, (flags & 4) != 0, created, sha256, sha512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeScram(DataOutputStream out, int hashId, @Nullable ScramKeys keys) throws IOException {
        if (keys == null) {
            return;
        }
        out.writeByte(hashId);
        out.writeInt(keys.iterations());
        byte[] salt = keys.salt();
        out.writeByte(salt.length);
        out.write(salt);
        byte[] stored = keys.storedKey();
        out.writeByte(stored.length);
        out.write(stored);
        out.write(keys.serverKey());
    }

    private static ScramKeys readScram(DataInputStream in) throws IOException {
        int iterations = in.readInt();
        byte[] salt = in.readNBytes(in.readUnsignedByte());
        int keyLength = in.readUnsignedByte();
        byte[] stored = in.readNBytes(keyLength);
        byte[] server = in.readNBytes(keyLength);
        if (server.length != keyLength) {
            throw new IOException("truncated SCRAM keys in a credential record");
        }
        return new ScramKeys(salt, iterations, stored, server);
    }
}
