@NullMarked
package io.bastionmq.codec.wire;

import org.jspecify.annotations.NullMarked;
