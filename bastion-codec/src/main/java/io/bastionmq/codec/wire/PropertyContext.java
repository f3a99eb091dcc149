package io.bastionmq.codec.wire;

/** Where a property list appears: each packet type, plus the will properties of CONNECT. */
public enum PropertyContext {
    CONNECT, WILL, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP,
    SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH
}
