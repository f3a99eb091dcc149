package io.bastionmq.it.auth.scram;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.auth.Mqtt5EnhancedAuthMechanism;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5Auth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5AuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SCRAM for the HiveMQ MQTT client ({@link Mqtt5EnhancedAuthMechanism}): CONNECT and AUTH 0x19
 * carry the client-first-message, AUTH 0x18 the client-final-message; the CONNACK (or AUTH 0x00)
 * must carry the server signature, or the client refuses the server.
 */
final class HiveMqScram implements Mqtt5EnhancedAuthMechanism {
    private final String method;
    private final String user;
    private volatile String password;
    private volatile ScramClient exchange;
    /** Times the server proved itself (CONNECT and each re-authentication). */
    final AtomicInteger serverVerified = new AtomicInteger();
    /** Times a server-final did not carry the expected signature. */
    final AtomicInteger serverRejected = new AtomicInteger();
    final AtomicReference<Mqtt5Disconnect> reAuthRejected = new AtomicReference<>();

    HiveMqScram(String method, String user, String password) {
        this.method = method;
        this.user = user;
        this.password = password;
        this.exchange = new ScramClient(method, user, password);
    }

    /** The password the next (re-)authentication uses. */
    void password(String value) {
        password = value;
    }

    @Override
    public MqttUtf8String getMethod() {
        return MqttUtf8String.of(method);
    }

    @Override
    public int getTimeout() {
        return 15;
    }

    @Override
    public CompletableFuture<Void> onAuth(Mqtt5ClientConfig config, Mqtt5Connect connect, Mqtt5EnhancedAuthBuilder builder) {
        exchange = new ScramClient(method, user, password);
        builder.data(exchange.clientFirst());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder builder) {
        exchange = new ScramClient(method, user, password);
        builder.data(exchange.clientFirst());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> onContinue(Mqtt5ClientConfig config, Mqtt5Auth auth, Mqtt5AuthBuilder builder) {
        builder.data(exchange.clientFinal(data(auth)));
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
        // MQTT-4.12.0-5: a successful CONNACK carries the method; SCRAM's server-final is its data.
        return CompletableFuture.completedFuture(connAck.getEnhancedAuth().map(a -> verify(data(a))).orElseGet(() -> verify(new byte[0])));
    }

    @Override
    public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
        return CompletableFuture.completedFuture(verify(data(auth)));
    }

    private boolean verify(byte[] serverFinal) {
        boolean ok = exchange.verifiesServer(serverFinal);
        (ok ? serverVerified : serverRejected).incrementAndGet();
        return ok;
    }

    @Override
    public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {}

    @Override
    public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {
        reAuthRejected.set(disconnect);
    }

    @Override
    public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {}

    @Override
    public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {}

    private static byte[] data(Mqtt5EnhancedAuth auth) {
        ByteBuffer b = auth.getData().orElse(ByteBuffer.allocate(0)).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
