package io.bastionmq.security.authn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    private final PasswordPolicy policy = PasswordPolicy.DEFAULT;

    @Test
    void acceptsALongUnrelatedPassphrase() {
        assertThat(policy.problem("violet-tractor-harbour-57", "alice", "sensor-1")).isNull();
    }

    @Test
    void refusesShortPasswordsNamingTheRule() {
        assertThat(policy.problem("Zq8#kL2!", "alice", null)).contains("minimum length of 12");
    }

    @Test
    void refusesPasswordContainingTheUserNameCaseInsensitive() {
        assertThat(policy.problem("xx-ALICEWONDER-2219-qq", "alice", null)).contains("user name");
    }

    @Test
    void refusesPasswordContainingTheClientId() {
        assertThat(policy.problem("my-Sensor-1-violet-tractor", "alice", "sensor-1")).contains("client id");
    }

    @Test
    void refusesWeakPasswordsByEstimatedStrength() {
        assertThat(policy.problem("passwordpassword", "alice", null)).contains("too weak");
        assertThat(policy.problem("aaaaaaaaaaaaaaaa", "alice", null)).contains("too weak");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "xc3511", "vizxv", "7ujMko0vizxv", "juantech", "", "1234567890"})
    void refusesMiraiAndVendorDefaultsWhateverTheUserName(String password) {
        assertThat(policy.problem(password, "someone-else", null)).contains("known vendor default");
    }

    @Test
    void defaultListCarriesMiraisSixtyOddPairsAndNamesItsSource() throws Exception {
        assertThat(DefaultCredentials.passwords()).contains("xc3511", "vizxv", "xmhdipc", "klv1234", "Zte521", "hi3518",
                "jvbzd", "anko", "zlxx.", "7ujMko0admin", "ikwb", "dreambox", "realtek", "meinsm", "smcadmin");
        try (var in = DefaultCredentials.class.getResourceAsStream("/security/default-credentials.txt")) {
            assertThat(new String(in.readAllBytes())).contains("Mirai", "scanner.c");
        }
    }

    @Test
    void refusesPasswordsShapedLikeAJwt() {
        assertThat(policy.problem("eyJhbGciOi.violet-tractor-harbour.57", "alice", null)).contains("JWT");
    }
}
