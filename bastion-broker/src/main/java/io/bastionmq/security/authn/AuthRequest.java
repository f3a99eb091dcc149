package io.bastionmq.security.authn;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * The credentials a client presented in CONNECT, and where it came from.
 *
 * @param clientId        the client identifier in use
 * @param username        the CONNECT user name, or null
 * @param password        the CONNECT password field (a password or a JWT), or null
 * @param address         the peer address, null for non-IP transports (tests)
 * @param certificateUser the user name mapped from a verified client certificate, or null
 * @param certCommonName  the verified client certificate's CN, or null
 */
public record AuthRequest(String clientId, @Nullable String username, byte @Nullable [] password,
                          @Nullable InetAddress address, @Nullable String certificateUser, @Nullable String certCommonName) {

    public boolean presentedCredentials() {
        return username != null || password != null;
    }
}
