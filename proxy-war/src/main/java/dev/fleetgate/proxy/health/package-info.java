/**
 * MicroProfile Health for the proxy.
 *
 * <ul>
 *   <li>R1 Live while it is started and can forward requests.
 *   <li>R2 Status only (name and UP or DOWN): {@code /health} answers anyone, so it carries no
 *       data; operators read the routing figures at {@code /admin/metrics}.
 * </ul>
 */
package dev.fleetgate.proxy.health;
