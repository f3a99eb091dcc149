package io.bastionmq.codec.packet;

/** An MQTT 5 user property (0x26): a UTF-8 string pair; names may repeat (MQTT5 3.1.2.11.8). */
public record UserProperty(String name, String value) {}
