/**
 * The load runs: connection rate and churn ({@link io.bastionmq.bench.run.ConnRun}) and the
 * closed-loop publish/subscribe flows ({@link io.bastionmq.bench.run.FlowRun}), with the
 * payload stamp, loss and duplicate tracking, and the per-second meter they share.
 */
@NullMarked
package io.bastionmq.bench.run;

import org.jspecify.annotations.NullMarked;
