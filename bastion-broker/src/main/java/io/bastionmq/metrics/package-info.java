@NullMarked
package io.bastionmq.metrics;

import org.jspecify.annotations.NullMarked;
