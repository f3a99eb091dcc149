package io.bastionmq.it.subscribe;

import io.bastionmq.it.support.Paho5Callback;
import io.bastionmq.it.support.TestBroker;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A connected Eclipse Paho MQTT 5 client (a third-party implementation) that records every message
 * it receives, and disconnects on {@link #close()}. Tests act on received messages from the test
 * thread, never inside Paho's callback, where blocking calls would stall the client.
 */
final class PahoV5 implements AutoCloseable, Paho5Callback {
    record Received(String topic, MqttMessage message) {}

    final MqttClient client;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private PahoV5(MqttClient client) {
        this.client = client;
    }

    static PahoV5 connect(TestBroker broker, String id) throws MqttException {
        MqttClient client = new MqttClient(broker.tcpUri(), id, new MemoryPersistence());
        PahoV5 paho = new PahoV5(client);
        client.setCallback(paho);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        client.connect(options);
        return paho;
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } finally {
            client.close();
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, message));
    }
}
