/**
 * Choosing the worker for a request.
 *
 * <ul>
 *   <li>R1 Round-robin over the ready workers, in worker-id order, without a lock.
 * </ul>
 */
package dev.fleetgate.proxy.balance;
