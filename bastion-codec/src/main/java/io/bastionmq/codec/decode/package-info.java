@NullMarked
package io.bastionmq.codec.decode;

import org.jspecify.annotations.NullMarked;
