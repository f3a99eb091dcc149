/** An in-memory {@link io.bastionmq.store.Store} for development and tests: nothing survives a restart. */
@NullMarked
package io.bastionmq.store.memory;

import org.jspecify.annotations.NullMarked;
