/**
 * Header rules of the proxy, pure and unit-tested.
 *
 * <ul>
 *   <li>R1 Hop-by-hop headers, and every header named in {@code Connection}, are dropped both ways.
 *   <li>R2 {@code X-Forwarded-For} gets the client address appended; {@code X-Forwarded-Proto},
 *       {@code -Host} and {@code -Port} say how the client reached Fleetgate. The client's {@code
 *       Host} is kept.
 *   <li>R3 What a request says about earlier hops is believed only from a trusted proxy ({@code
 *       fleetgate.proxy.trusted-proxies}, addresses or CIDR ranges).
 *   <li>R4 A request id is kept only from a trusted proxy, and only when sane (1 to 200 letters,
 *       digits or {@code -_.:+/=@}); any other request gets a new one, 128 random bits as 32
 *       lowercase hex digits, made without a lock. Its header is not one the proxy sets otherwise.
 * </ul>
 */
package dev.fleetgate.proxy.headers;
