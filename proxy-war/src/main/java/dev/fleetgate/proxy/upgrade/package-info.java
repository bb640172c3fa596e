/**
 * WebSocket and other upgrades, tunnelled to a worker.
 *
 * <ul>
 *   <li>R1 A request with {@code Upgrade} gets a connection of its own to the chosen worker, with
 *       {@code Upgrade} and {@code Connection: Upgrade} sent explicitly, {@code Host} kept and the
 *       forwarding headers added.
 *   <li>R2 Only a 101 from the worker opens the tunnel; then bytes flow both ways until either side
 *       closes, with back-pressure and no thread held per tunnel; it closes after {@code
 *       fleetgate.proxy.read-timeout} without a byte from the worker, as nginx does.
 *   <li>R3 Any other answer of the worker goes back to the client as it is.
 * </ul>
 */
package dev.fleetgate.proxy.upgrade;
