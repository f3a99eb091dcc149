/**
 * Authentication (THREATS.md T1/T2, controls C1–C5, C10): password hashing and policy, the
 * provider chain (stored passwords, JWT), brute-force defence, and the registry of live
 * connections that lets a disabled credential cut its sessions at once.
 */
@NullMarked
package io.bastionmq.security.authn;

import org.jspecify.annotations.NullMarked;
