package io.bastionmq.it.subscribe;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.bastionmq.it.support.TestBroker;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A connected HiveMQ MQTT 5 client (a third-party implementation) that records what it receives,
 * and disconnects on {@link #close()}.
 */
final class Hive implements AutoCloseable {
    final String id;
    final Mqtt5BlockingClient client;
    /** Every PUBLISH received, in arrival order. */
    final BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();

    private Hive(String id, Mqtt5BlockingClient client) {
        this.id = id;
        this.client = client;
    }

    static Hive connect(TestBroker broker, String id) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        client.connectWith().cleanStart(true).send();
        return new Hive(id, client);
    }

    /** Subscribes and waits for the SUBACK (bounded); received messages go to {@link #received}. */
    Hive subscribe(String filter, int qos) throws Exception {
        return subscribe(filter, qos, received::add);
    }

    Hive subscribe(String filter, int qos, Consumer<Mqtt5Publish> sink) throws Exception {
        client.toAsync().subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
                .callback(sink).send().get(5, TimeUnit.SECONDS);
        return this;
    }

    void publish(String topic, int qos, byte[] payload) {
        client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
