/**
 * TLS on the front door, with the JDK alone: the certificate files people have, checked, served,
 * renewed without a restart.
 *
 * <ul>
 *   <li>T1 A certificate is a PEM chain with a PEM key (PKCS#8, PKCS#1 RSA or SEC1 EC; RSA, EC or
 *       EdDSA), or a PKCS#12 keystore with its password.
 *   <li>T2 A file that does not serve refuses with its configuration key and path: unreadable, not
 *       PEM, an encrypted key, a key that does not sign for the certificate, a wrong password, an
 *       expired certificate.
 *   <li>T3 Each connection gets a server engine offering only the configured versions (TLS 1.3 and
 *       1.2 at most) and ciphers (Mozilla's "intermediate" profile by default), the client choosing
 *       among them.
 *   <li>T4 A renewed certificate (the files' real path, time or size changed, as certbot's symbolic
 *       links do) is used by the next connections, looked at once per watch interval; open
 *       connections keep theirs. A renewal that does not load keeps the old certificate and says so
 *       in a WARNING.
 *   <li>T5 A certificate that is not valid yet or any more refuses the start.
 *   <li>T6 ALPN offers {@code h2} and {@code http/1.1}, or {@code http/1.1} alone when HTTP/2 is
 *       off; HTTP/2 frames skip the HTTP/1.1 framing checks ({@code TlsFrontDoorFilter}).
 * </ul>
 */
package dev.fleetgate.frontdoor.tls;
