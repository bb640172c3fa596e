/**
 * HTTPS on the front door, from the application's side: the settings, the certificate handed to the
 * front door, the redirect from plain HTTP. The TLS itself (engines, renewal, ALPN) is the front
 * door's ({@code dev.fleetgate.frontdoor.tls}).
 *
 * <ul>
 *   <li>T1 {@code fleetgate.tls.port} opens the TLS listener; its certificate is two PEM files
 *       ({@code fleetgate.tls.certificate}, {@code fleetgate.tls.key}) or a PKCS#12 keystore
 *       ({@code fleetgate.tls.keystore}, {@code fleetgate.tls.keystore-password}), never both.
 *   <li>T2 A missing, unreadable or mismatched file, a wrong password, an unknown protocol or
 *       cipher refuses the start (and {@code fleetgate check}) with the key and the value.
 *   <li>T7 {@code fleetgate.tls.redirect-http} answers plain HTTP with 301 (GET, HEAD) or 308 to
 *       the same URL on the TLS port.
 *   <li>T8 A configuration reload hands the front door the (possibly new) files; the port is read
 *       at start only.
 * </ul>
 */
package dev.fleetgate.proxy.tls;
