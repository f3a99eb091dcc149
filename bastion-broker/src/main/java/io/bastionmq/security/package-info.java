/**
 * Who a client is ({@link io.bastionmq.security.Identity}), how that is proven ({@code authn}) and
 * what it may do ({@code authz}). Answers threats T1, T2 and T4 of THREATS.md.
 */
@NullMarked
package io.bastionmq.security;

import org.jspecify.annotations.NullMarked;
