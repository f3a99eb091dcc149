package io.bastionmq.bench.run;

/** A run that could not start or finish: the broker refused a connection or a subscription, or did not answer. */
public final class BenchException extends RuntimeException {
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
