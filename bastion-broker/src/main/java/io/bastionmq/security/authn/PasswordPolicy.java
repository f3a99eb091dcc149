package io.bastionmq.security.authn;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a password must be to be enrolled (THREATS.md C2). Checked when a user's password is set,
 * never at login. A refusal names the rule that was broken.
 *
 * @param minLength minimum length in characters (default 12)
 * @param minScore  minimum zxcvbn strength score 0..4 (default 3, "safely unguessable")
 */
public record PasswordPolicy(int minLength, int minScore) {
    public static final int MIN_LENGTH_DEFAULT = 12;
    public static final int MIN_LENGTH_MINIMUM = 8;
    public static final int MIN_LENGTH_MAXIMUM = 128;
    public static final int MIN_SCORE_DEFAULT = 3;
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(MIN_LENGTH_DEFAULT, MIN_SCORE_DEFAULT);

    private static final Set<String> KNOWN_DEFAULTS = DefaultCredentials.passwords();

    public PasswordPolicy {
        if (minLength < MIN_LENGTH_MINIMUM || minLength > MIN_LENGTH_MAXIMUM) {
            throw new IllegalArgumentException("min_length must be " + MIN_LENGTH_MINIMUM + ".." + MIN_LENGTH_MAXIMUM);
        }
        if (minScore < 0 || minScore > 4) {
            throw new IllegalArgumentException("min_score must be 0..4");
        }
    }

    /** Null when {@code password} may be enrolled for this user; otherwise why not, naming the rule. */
    public @Nullable String problem(String password, String username, @Nullable String clientId) {
        // The default list is checked first: "admin" must be reported as a known default, not as short.
        if (KNOWN_DEFAULTS.contains(password)) {
            return "password is a known vendor default credential (default-credentials list); choose a unique one";
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            return "password is shorter than the minimum length of " + minLength + " characters";
        }
        if (JwtProvider.looksLikeJwt(password.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return "password has the shape of a JWT (eyJ….….…), which the broker reads as a token";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (containsName(lower, username)) {
            return "password equals or contains the user name";
        }
        if (clientId != null && containsName(lower, clientId)) {
            return "password equals or contains the client id";
        }
        List<String> context = clientId == null ? List.of(username) : List.of(username, clientId);
        int score = new Zxcvbn().measure(password, context).getScore();
        if (score < minScore) {
            return "password is too weak (strength score " + score + " of 4, at least " + minScore
                    + " needed): use a longer passphrase of unrelated words";
        }
        return null;
    }

    private static boolean containsName(String lowerPassword, String name) {
        return !name.isEmpty() && lowerPassword.contains(name.toLowerCase(Locale.ROOT));
    }
}
