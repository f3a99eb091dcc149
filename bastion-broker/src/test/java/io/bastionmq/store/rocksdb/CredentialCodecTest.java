package io.bastionmq.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialCodecTest {
    private static final byte[] KEY = "alice".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsARecordWrittenBeforeScramExisted() {
        // version 1 | flags admin | created 7 | utf "$h" | 1 group "ops"
        byte[] v1 = {1, 2, 0, 0, 0, 0, 0, 0, 0, 7, 0, 2, '$', 'h', 0, 1, 0, 3, 'o', 'p', 's'};
        CredentialRecord c = CredentialCodec.decode(KEY, v1);
        assertThat(c).isEqualTo(new CredentialRecord("alice", false, "$h", Set.of("ops"), true, false, 7));
        assertThat(c.scramSha256()).isNull();
        assertThat(c.scramSha512()).isNull();
    }

    @Test
    void keepsBothScramVerifiers() {
        ScramKeys sha256 = new ScramKeys(new byte[] {1, 2, 3}, 4096, filled(32, 4), filled(32, 5));
        ScramKeys sha512 = new ScramKeys(new byte[] {6, 7}, 8192, filled(64, 8), filled(64, 9));
        CredentialRecord c = new CredentialRecord("alice", true, "$argon2id$x", Set.of("a", "b"), false, true, 42, sha256, sha512);
        byte[] encoded = CredentialCodec.encode(c);
        assertThat(CredentialCodec.decode(KEY, encoded)).isEqualTo(c);
        // The version 1 part is unchanged: an older broker reads it and ignores the trailing SCRAM section.
        CredentialRecord plain = c.withPasswordHash("$argon2id$x");
        byte[] v1 = CredentialCodec.encode(plain);
        assertThat(encoded).startsWith(v1);
        assertThat(encoded[v1.length]).isEqualTo((byte) 'S');
    }

    @Test
    void keepsOneVerifierAlone() {
        ScramKeys sha512 = new ScramKeys(new byte[] {6, 7}, 4096, filled(64, 8), filled(64, 9));
        CredentialRecord c = new CredentialRecord("alice", false, "$h", Set.of(), false, false, 1, null, sha512);
        assertThat(CredentialCodec.decode(KEY, CredentialCodec.encode(c))).isEqualTo(c);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
