package io.bastionmq.it.publish;

import io.bastionmq.it.support.Paho5Callback;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.bastionmq.it.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The third-party clients of these tests behind one small face, so that one test body runs against
 * each of them. Every received message is recorded as {@code "topic=payload@qos"} ("+r" when the
 * RETAIN flag is set) in arrival order.
 */
final class Clients {
    private Clients() {}

    enum Kind { PAHO_V3, PAHO_V5, HIVEMQ_MQTT3, HIVEMQ_MQTT5 }

    interface Client extends AutoCloseable {
        void subscribe(String filter, int qos) throws Exception;

        void publish(String topic, String payload, int qos, boolean retain) throws Exception;

        BlockingQueue<String> received();

        /** The next received message within 5 s, or null. */
        default String poll() throws InterruptedException {
            return received().poll(5, TimeUnit.SECONDS);
        }

        @Override
        void close() throws Exception;
    }

    static Client connect(Kind kind, TestBroker broker, String clientId) throws Exception {
        return switch (kind) {
            case PAHO_V3 -> new PahoV3(broker, clientId);
            case PAHO_V5 -> new PahoV5(broker, clientId);
            case HIVEMQ_MQTT3 -> new HiveMq3(broker, clientId);
            case HIVEMQ_MQTT5 -> new HiveMq5(broker, clientId);
        };
    }

    static String record(String topic, byte[] payload, int qos, boolean retain) {
        return topic + "=" + new String(payload, StandardCharsets.UTF_8) + "@" + qos + (retain ? "+r" : "");
    }

    private static final class PahoV3 implements Client {
        final org.eclipse.paho.client.mqttv3.MqttClient client;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        PahoV3(TestBroker broker, String id) throws Exception {
            client = new org.eclipse.paho.client.mqttv3.MqttClient(broker.tcpUri(), id,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setConnectionTimeout(5);
            client.setTimeToWait(5000);
            client.connect(o);
        }

        public void subscribe(String filter, int qos) throws Exception {
            client.subscribe(filter, qos, (t, m) -> received.add(record(t, m.getPayload(), m.getQos(), m.isRetained())));
        }

        public void publish(String topic, String payload, int qos, boolean retain) throws Exception {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
        }

        public BlockingQueue<String> received() {
            return received;
        }

        public void close() throws Exception {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    private static final class PahoV5 implements Client, Paho5Callback {
        final org.eclipse.paho.mqttv5.client.MqttClient client;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        PahoV5(TestBroker broker, String id) throws Exception {
            client = new org.eclipse.paho.mqttv5.client.MqttClient(broker.tcpUri(), id,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setConnectionTimeout(5);
            client.setTimeToWait(5000);
            client.setCallback(this);
            client.connect(o);
        }

        public void subscribe(String filter, int qos) throws Exception {
            client.subscribe(filter, qos);
        }

        public void publish(String topic, String payload, int qos, boolean retain) throws Exception {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
        }

        public BlockingQueue<String> received() {
            return received;
        }

        public void close() throws Exception {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            received.add(record(topic, m.getPayload(), m.getQos(), m.isRetained()));
        }
    }

    private static final class HiveMq3 implements Client {
        final Mqtt3BlockingClient client;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        HiveMq3(TestBroker broker, String id) {
            client = MqttClient.builder().useMqttVersion3().identifier(id)
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            client.connectWith().cleanSession(true).send();
        }

        public void subscribe(String filter, int qos) throws Exception {
            client.toAsync().subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
                    .callback(p -> received.add(record(p.getTopic().toString(), p.getPayloadAsBytes(),
                            p.getQos().getCode(), p.isRetain())))
                    .send().get(5, TimeUnit.SECONDS);
        }

        public void publish(String topic, String payload, int qos, boolean retain) {
            client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).retain(retain)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        }

        public BlockingQueue<String> received() {
            return received;
        }

        public void close() {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }
    }

    private static final class HiveMq5 implements Client {
        final Mqtt5BlockingClient client;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        HiveMq5(TestBroker broker, String id) {
            client = MqttClient.builder().useMqttVersion5().identifier(id)
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            client.connectWith().cleanStart(true).send();
        }

        public void subscribe(String filter, int qos) throws Exception {
            client.toAsync().subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
                    .callback(p -> received.add(record(p.getTopic().toString(), p.getPayloadAsBytes(),
                            p.getQos().getCode(), p.isRetain())))
                    .send().get(5, TimeUnit.SECONDS);
        }

        public void publish(String topic, String payload, int qos, boolean retain) {
            client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).retain(retain)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        }

        public BlockingQueue<String> received() {
            return received;
        }

        public void close() {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }
    }
}
