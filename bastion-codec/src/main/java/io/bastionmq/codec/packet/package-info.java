@NullMarked
package io.bastionmq.codec.packet;

import org.jspecify.annotations.NullMarked;
