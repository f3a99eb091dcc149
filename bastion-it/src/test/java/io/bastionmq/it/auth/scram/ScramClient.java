package io.bastionmq.it.auth.scram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM exchange (RFC 5802 §3), written for the tests on the JCA alone:
 * no broker class is used, so a misreading of the RFC shared with the broker cannot hide here.
 * No Maven Central SCRAM client (com.ongres.scram) is available offline. Verifies the server
 * signature, which is what makes the authentication mutual.
 */
final class ScramClient {
    private final String method;
    private final String hmac;
    private final String pbkdf2;
    private final String digest;
    private final int length;
    private final String user;
    private final String password;
    private String clientFirstBare = "";
    private byte[] expectedServerSignature = new byte[0];

    ScramClient(String method, String user, String password) {
        this.method = method;
        boolean sha512 = method.equals("SCRAM-SHA-512");
        this.hmac = sha512 ? "HmacSHA512" : "HmacSHA256";
        this.pbkdf2 = sha512 ? "PBKDF2WithHmacSHA512" : "PBKDF2WithHmacSHA256";
        this.digest = sha512 ? "SHA-512" : "SHA-256";
        this.length = sha512 ? 64 : 32;
        this.user = user;
        this.password = password;
    }

    String method() {
        return method;
    }

    /** client-first-message: gs2 header "n,," (no channel binding), user name escaped per RFC 5802 §5.1. */
    byte[] clientFirst() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + Base64.getEncoder().encodeToString(random);
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** client-final-message for this server-first-message; fails on a nonce the client did not start. */
    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String[] attrs = serverFirst.split(",");
        if (attrs.length < 3 || !attrs[0].startsWith("r=" + clientFirstBare.substring(clientFirstBare.indexOf(",r=") + 3))
                || !attrs[1].startsWith("s=") || !attrs[2].startsWith("i=")) {
            throw new IllegalStateException("server-first-message not understood: " + serverFirst);
        }
        byte[] salt = Base64.getDecoder().decode(attrs[1].substring(2));
        int iterations = Integer.parseInt(attrs[2].substring(2));
        if (iterations < 4096) {
            throw new IllegalStateException("RFC 7677 §4: fewer than 4096 iterations offered: " + iterations);
        }
        try {
            byte[] salted = SecretKeyFactory.getInstance(pbkdf2)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
            String withoutProof = "c=biws," + attrs[0];
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[length];
            for (int i = 0; i < length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server-final-message carries the server signature this client expects (RFC 5802 §3). */
    boolean verifiesServer(byte[] serverFinalBytes) {
        String serverFinal = new String(serverFinalBytes, StandardCharsets.UTF_8);
        return serverFinal.startsWith("v=") && expectedServerSignature.length > 0
                && MessageDigest.isEqual(Base64.getDecoder().decode(serverFinal.substring(2)), expectedServerSignature);
    }

    private byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        return hmac(key, data.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, hmac));
        return mac.doFinal(data);
    }
}
