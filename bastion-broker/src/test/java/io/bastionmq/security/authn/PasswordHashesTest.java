package io.bastionmq.security.authn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashesTest {
    private static final HashParameters FAST = new HashParameters(1024, 1, 1);

    @Test
    void argon2idHashIsAPhcStringThatVerifies() {
        PasswordHashes hashes = new PasswordHashes(FAST);
        String h = hashes.hash("correct horse battery".toCharArray());
        assertThat(h).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHashes.verify(h, "correct horse battery".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(h, "correct horse batterz".toCharArray())).isFalse();
        assertThat(hashes.needsRehash(h)).isFalse();
    }

    @Test
    void saltsDiffer() {
        PasswordHashes hashes = new PasswordHashes(FAST);
        assertThat(hashes.hash("x".toCharArray())).isNotEqualTo(hashes.hash("x".toCharArray()));
    }

    @Test
    void verifiesRfc9106StyleArgon2idFromReferenceImplementation() {
        // Output of the argon2 reference CLI (Debian package argon2): echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -e
        String phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(PasswordHashes.verify(phc, "password".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(phc, "passwore".toCharArray())).isFalse();
    }

    @Test
    void verifiesMosquittoPasswdPbkdf2Sha512Vector() {
        // mosquitto_passwd -b pw.txt sensor-7 'correct horse battery' (Mosquitto 2.x, $7$ = PBKDF2-SHA512)
        String m = "$7$101$8XXhVoVQP4m4Pdm3$Q4zCMhpfARu5doIq7YERylvkEUCudlnltSHf6Uqo1vl1ud3HbJP5GPQWUZ1bXCLFJKamlMRmiaMYsXT/D47F3A==";
        assertThat(PasswordHashes.verify(m, "correct horse battery".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(m, "correct horse batter".toCharArray())).isFalse();
        assertThat(new PasswordHashes(FAST).needsRehash(m)).isTrue();
    }

    @Test
    void verifiesBcryptVectorsInEveryPrefix() {
        // Openwall crypt_blowfish test vector: "U*U", cost 5.
        String hash = "CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        for (String prefix : new String[] {"$2a$05$", "$2b$05$", "$2y$05$"}) {
            assertThat(PasswordHashes.verify(prefix + hash, "U*U".toCharArray())).as(prefix).isTrue();
            assertThat(PasswordHashes.verify(prefix + hash, "U*V".toCharArray())).as(prefix).isFalse();
        }
    }

    @Test
    void malformedOrUnknownHashesNeverMatch() {
        assertThat(PasswordHashes.verify("plaintext", "plaintext".toCharArray())).isFalse();
        assertThat(PasswordHashes.verify("$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "x".toCharArray())).isFalse();
        assertThat(PasswordHashes.verify("$7$x$y$z", "x".toCharArray())).isFalse();
        assertThat(PasswordHashes.verify("$argon2id$v=16$m=1024,t=1,p=1$AAAA$AAAA", "x".toCharArray())).isFalse();
    }

    @Test
    void defaultParametersAreOwasps() {
        assertThat(HashParameters.OWASP).isEqualTo(new HashParameters(19 * 1024, 2, 1));
    }
}
