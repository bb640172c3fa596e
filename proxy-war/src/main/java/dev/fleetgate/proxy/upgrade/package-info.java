/**
 * WebSocket and other upgrades, tunnelled to a worker.
 *
 * <ul>
 *   <li>R1 A request with {@code Upgrade} gets a connection of its own to the chosen worker, with
 *       {@code Upgrade} and {@code Connection: Upgrade} sent explicitly, {@code Host} kept and the
 *       forwarding headers and the request id added; the answer, whatever it is, carries the id.
 *   <li>R2 Only a 101 from the worker opens the tunnel; then bytes flow both ways until either side
 *       closes, with back-pressure and no thread held per tunnel; it closes after {@code
 *       fleetgate.proxy.read-timeout} without a byte from the worker, as nginx does.
 *   <li>R3 Any other answer of the worker goes back to the client as it is, and the client's
 *       connection closes after it.
 *   <li>R4 No thread waits for the worker's answer: the client's connection is upgraded at once and
 *       the handshake runs on completion callbacks; a worker that does not connect within {@code
 *       connect-timeout} gets the client 502 (504 on the timeout), one that does not answer within
 *       {@code response-timeout} 504, then the connection closes.
 *   <li>R5 Each handshake writes its access log line (status 101 for a tunnel) and counts as a
 *       request in flight on its worker until the tunnel or the answer ends, exactly once.
 * </ul>
 */
package dev.fleetgate.proxy.upgrade;
