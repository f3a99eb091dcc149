package io.bastionmq.codec.packet;

/** The will message carried in CONNECT (MQTT5 3.1.2.5, 3.1.3.2). */
public record Will(String topic, Payload payload, QoS qos, boolean retain, Properties properties) {}
