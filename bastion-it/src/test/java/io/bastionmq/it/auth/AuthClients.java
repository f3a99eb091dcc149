package io.bastionmq.it.auth;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.bastionmq.it.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Connect attempts with three independent clients, each reduced to the code the broker answered. */
final class AuthClients {
    private AuthClients() {}

    /** Paho 3.1.1: 0 on success, else the CONNACK return code (4 bad user name or password, 5 not authorized). */
    static int pahoV3(TestBroker broker, String clientId, String user, String password) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient c =
                new org.eclipse.paho.client.mqttv3.MqttClient(broker.tcpUri(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setConnectionTimeout(10);
        // Paho's default tries 3.1.1 and, on any refusal, again as 3.1: two logins per attempt,
        // which would double every failure count the brute-force tests reason about.
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        try {
            c.connect(o);
            c.disconnect();
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            c.close();
        }
    }

    /** HiveMQ client, MQTT 5: the CONNACK reason code. */
    static Mqtt5ConnAckReasonCode hiveMqV5(TestBroker broker, String clientId, String user, String password) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        try {
            Mqtt5ConnAckReasonCode code = c.connectWith().simpleAuth().username(user)
                    .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().getReasonCode();
            c.disconnect();
            return code;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    /** mosquitto_pub -u -P: its exit status (0 published) and what it printed. */
    static Result mosquittoPub(TestBroker broker, String user, String password, String version) throws Exception {
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()),
                "-V", version, "-u", user, "-P", password, "-t", "auth/test", "-m", "hello", "-i", "mosq-auth")
                .redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mosquitto_pub did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {}

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
