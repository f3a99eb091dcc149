@NullMarked
package io.bastionmq.codec.reason;

import org.jspecify.annotations.NullMarked;
