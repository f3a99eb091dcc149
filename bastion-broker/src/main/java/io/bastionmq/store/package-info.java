@NullMarked
package io.bastionmq.store;

import org.jspecify.annotations.NullMarked;
