/**
 * Choosing the worker for a request, without a lock ({@code fleetgate.proxy.balance}).
 *
 * <ul>
 *   <li>R1 Round-robin over the ready workers, in worker-id order (nginx's default).
 *   <li>R2 Per-worker weights with nginx's smooth weighted round-robin: 5,1,1 give a a b a c a a.
 *   <li>R3 Least-connections: fewest requests in flight per unit of weight; ties go round-robin.
 *   <li>R4 Consistent hashing on the client address, a header or a cookie (sticky sessions); when a
 *       worker leaves, only its keys move.
 *   <li>R5 Passive health as nginx's {@code max_fails}/{@code fail_timeout}: a failing worker is
 *       skipped for the timeout, then exactly one request probes it; the only worker is never
 *       skipped; a retried request never goes to a worker it already tried.
 *   <li>R6 A worker failing its active health checks ({@link
 *       dev.fleetgate.proxy.balance.ActiveHealth}) gets no traffic, even when it is the only one.
 * </ul>
 */
package dev.fleetgate.proxy.balance;
