@NullMarked
package io.bastionmq.codec.encode;

import org.jspecify.annotations.NullMarked;
