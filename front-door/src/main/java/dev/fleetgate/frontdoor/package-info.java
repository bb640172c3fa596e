/**
 * The front door: a filter in the container's own HTTP chain, ahead of its parser, that refuses
 * what another hop could frame differently. It is a server library, not part of the application:
 * Payara loads it by class name from the listener's configuration ({@code
 * asadmin/front-door.asadmin}).
 *
 * <ul>
 *   <li>F1 Framing is unambiguous or refused: {@code Content-Length} with {@code Transfer-Encoding}
 *       in either order and any spelling (400); a transfer coding other than exactly {@code
 *       chunked} (501); different or malformed lengths, a space before a colon, a folded line,
 *       controls in a value (400). RFC 9112 §6.1 and §6.3.
 *   <li>F2 Chunked bodies are framed strictly: every chunk line and the end of every chunk's data
 *       end in CRLF; chunk extensions are accepted and removed before the container's parser, which
 *       would refuse them.
 *   <li>F3 The request line is {@code method SP target SP HTTP/1.x}; other versions get 505.
 *   <li>F4 A path with a dot segment or an encoded slash or backslash, in any spelling, is refused
 *       with 400 before anything routes on it.
 *   <li>F5 {@code Expect: 100-continue} with a declared length over the body limit gets 413 at
 *       once.
 *   <li>F6 A request head completes within the head timeout or its connection is closed; at most a
 *       set number of connections are in an unfinished head at once (the oldest goes first).
 *   <li>F7 A refusal is answered and the connection closed, so nothing behind it is read; nothing
 *       is remembered beyond the connection. The application passes its limits in through {@link
 *       dev.fleetgate.frontdoor.FrontDoor}.
 * </ul>
 */
package dev.fleetgate.frontdoor;
