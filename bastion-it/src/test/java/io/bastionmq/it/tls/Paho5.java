package io.bastionmq.it.tls;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Paho's MQTT 5 client, closeable in try-with-resources (the v3 client already is). */
final class Paho5 extends MqttClient implements AutoCloseable {
    Paho5(String uri, String clientId) throws MqttException {
        super(uri, clientId, new MemoryPersistence());
    }
}
