package io.bastionmq.it.admin;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Password logins with Paho 3.1.1, reduced to the code the broker answered. */
final class Logins {
    private Logins() {}

    /** 0 when the CONNECT is accepted, else the CONNACK return code (4: bad user name or password). */
    static int connectCode(String uri, String clientId, String user, String password) throws MqttException {
        try (MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence())) {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(user);
            o.setPassword(password.toCharArray());
            // Paho's default falls back to 3.1 after a refusal: two logins per attempt.
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            try {
                c.connect(o);
                c.disconnect();
                return 0;
            } catch (MqttException e) {
                return e.getReasonCode();
            }
        }
    }
}
