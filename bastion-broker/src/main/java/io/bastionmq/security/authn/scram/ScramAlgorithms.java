package io.bastionmq.security.authn.scram;

/**
 * The JCA names of the hash H, HMAC and Hi (PBKDF2) of one SCRAM variant (RFC 5802 §2.2).
 *
 * @param digest  {@link java.security.MessageDigest} name of H
 * @param hmac    {@link javax.crypto.Mac} name of HMAC-H
 * @param pbkdf2  {@link javax.crypto.SecretKeyFactory} name of Hi
 * @param length  output size of H in bytes
 */
public record ScramAlgorithms(String digest, String hmac, String pbkdf2, int length) {}
