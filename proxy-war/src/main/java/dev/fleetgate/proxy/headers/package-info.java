/**
 * Header rules of the proxy, pure and unit-tested.
 *
 * <ul>
 *   <li>R1 Hop-by-hop headers, and every header named in {@code Connection}, are dropped both ways.
 *   <li>R2 {@code X-Forwarded-For} gets the client address appended; {@code X-Forwarded-Proto},
 *       {@code -Host} and {@code -Port} say how the client reached Fleetgate. The client's {@code
 *       Host} is kept.
 * </ul>
 */
package dev.fleetgate.proxy.headers;
