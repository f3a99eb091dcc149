/** {@code bastion bench}: the command line of the load tool. */
@NullMarked
package io.bastionmq.bench;

import org.jspecify.annotations.NullMarked;
