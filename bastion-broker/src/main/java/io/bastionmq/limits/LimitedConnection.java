package io.bastionmq.limits;

import io.bastionmq.codec.reason.DisconnectReason;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * What the limits need of one live connection, implemented by the transport's rate-limiting
 * stage so that this package knows nothing of Netty. Every method may be called from any thread;
 * the implementation hands the work to the connection's event loop.
 */
public interface LimitedConnection {
    InetAddress address();

    /** The client id from CONNECT, or null before it. */
    @Nullable String clientId();

    /** The user name from CONNECT, or null if none was given. */
    @Nullable String username();

    /** PUBLISH bytes received since the previous call: the overload monitor's measure of weight. */
    long drainBytesRead();

    /** Stops (true) or resumes (false) reading from the socket on behalf of the overload monitor. */
    void pauseForOverload(boolean paused);

    /** Ends the connection: DISCONNECT with {@code reason} for MQTT 5, a close for 3.1.1. */
    void disconnect(DisconnectReason reason, String why);
}
