@NullMarked
package io.bastionmq.session;

import org.jspecify.annotations.NullMarked;
