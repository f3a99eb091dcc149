package io.bastionmq.security.authn.scram;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client's two messages (RFC 5802 §7), parsed strictly. Only what this server supports is
 * accepted: no channel binding and no authorization identity.
 *
 * <pre>
 * client-first-message = gs2-header client-first-message-bare
 *   gs2-header         = ("n" / "y") "," "," ; "p=" (channel binding) and "a=" (authzid) refused
 *   client-first-bare  = "n=" saslname "," "r=" c-nonce ["," extensions]
 * client-final-message = "c=" base64(gs2-header) "," "r=" c-nonce s-nonce ["," extensions] "," "p=" base64(proof)
 * </pre>
 */
final class ScramMessages {
    /** Bound on a client message: a user name of 256 characters escaped, a nonce, a proof; far less in practice. */
    static final int MAX_MESSAGE_BYTES = 2048;

    private ScramMessages() {}

    /** @param gs2Header "n,," or "y,,", as sent; @param bare what enters the AuthMessage */
    record ClientFirst(String gs2Header, String user, String nonce, String bare) {}

    /** @param withoutProof what enters the AuthMessage */
    record ClientFinal(byte[] channelBinding, String nonce, byte[] proof, String withoutProof) {}

    static ClientFirst clientFirst(byte[] raw) throws ScramException {
        String m = text(raw, "client-first-message");
        if (m.startsWith("p=")) {
            throw new ScramException(ScramException.CHANNEL_BINDING_NOT_SUPPORTED,
                    "SCRAM client-first-message asks for channel binding (p=), which this server does not support");
        }
        if (!(m.startsWith("n,") || m.startsWith("y,"))) {
            throw invalid("client-first-message must start with the gs2 header \"n,,\" (RFC 5802 §7)");
        }
        if (!m.startsWith(",", 2)) {
            throw new ScramException(ScramException.OTHER_ERROR,
                    "SCRAM client-first-message names an authorization identity (a=), which this server does not support");
        }
        String gs2 = m.substring(0, 3);
        String bare = m.substring(3);
        if (bare.startsWith("m=")) {
            throw new ScramException(ScramException.EXTENSIONS_NOT_SUPPORTED, "SCRAM mandatory extension (m=) not supported"); // RFC 5802 §5.1
        }
        String[] attrs = bare.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
            throw invalid("client-first-message-bare must be \"n=<user>,r=<nonce>\" (RFC 5802 §7)");
        }
        String nonce = attrs[1].substring(2);
        requireNonce(nonce);
        return new ClientFirst(gs2, saslName(attrs[0].substring(2)), nonce, bare);
    }

    static ClientFinal clientFinal(byte[] raw) throws ScramException {
        String m = text(raw, "client-final-message");
        int proofAt = m.lastIndexOf(",p=");
        if (!m.startsWith("c=") || proofAt < 0) {
            throw invalid("client-final-message must be \"c=<binding>,r=<nonce>,p=<proof>\" (RFC 5802 §7)");
        }
        String withoutProof = m.substring(0, proofAt);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[1].startsWith("r=")) {
            throw invalid("client-final-message has no nonce (r=) after the channel binding (RFC 5802 §7)");
        }
        return new ClientFinal(base64(attrs[0].substring(2), "channel binding (c=)"), attrs[1].substring(2),
                base64(m.substring(proofAt + 3), "proof (p=)"), withoutProof);
    }

    /** RFC 5802 §7: {@code printable = %x21-2B / %x2D-7E}, at least one character. */
    private static void requireNonce(String nonce) throws ScramException {
        if (nonce.isEmpty()) {
            throw invalid("the client nonce (r=) is empty");
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                throw invalid("the client nonce (r=) has a character that is not printable ASCII (RFC 5802 §7)");
            }
        }
    }

    /** RFC 5802 §5.1: ',' and '=' in a user name are sent as "=2C" and "=3D"; any other '=' is an error. */
    private static String saslName(String escaped) throws ScramException {
        if (escaped.isEmpty()) {
            throw new ScramException(ScramException.INVALID_USERNAME_ENCODING, "the SCRAM user name (n=) is empty");
        }
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '=') {
                out.append(c);
            } else if (escaped.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (escaped.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                throw new ScramException(ScramException.INVALID_USERNAME_ENCODING,
                        "the SCRAM user name (n=) has a '=' that is not \"=2C\" or \"=3D\" (RFC 5802 §5.1)");
            }
        }
        return out.toString();
    }

    private static String text(byte[] raw, String what) throws ScramException {
        if (raw.length == 0 || raw.length > MAX_MESSAGE_BYTES) {
            throw invalid(what + " is empty or longer than " + MAX_MESSAGE_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(what + " is not UTF-8 (RFC 5802 §5)");
        }
    }

    private static byte[] base64(String value, String what) throws ScramException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid("the " + what + " is not base64");
        }
    }

    private static ScramException invalid(String message) {
        return new ScramException(ScramException.INVALID_ENCODING, "SCRAM " + message);
    }
}
