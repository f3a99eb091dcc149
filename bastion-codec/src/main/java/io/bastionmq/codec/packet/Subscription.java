package io.bastionmq.codec.packet;

/**
 * One topic filter of a SUBSCRIBE with its options (MQTT5 3.8.3.1). For 3.1.1 the options other
 * than {@code maxQos} are false / {@link RetainHandling#SEND_ON_SUBSCRIBE}.
 */
public record Subscription(
        String filter,
        QoS maxQos,
        boolean noLocal,
        boolean retainAsPublished,
        RetainHandling retainHandling) {
    public static Subscription of(String filter, QoS maxQos) {
        return new Subscription(filter, maxQos, false, false, RetainHandling.SEND_ON_SUBSCRIBE);
    }
}
