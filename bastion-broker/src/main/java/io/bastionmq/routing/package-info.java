@NullMarked
package io.bastionmq.routing;

import org.jspecify.annotations.NullMarked;
