/**
 * Which app a request goes to, by its host and path (nginx's {@code server_name} and {@code
 * location}), decided once per request from a table built once per configuration.
 *
 * <ul>
 *   <li>R1 Hosts: an exact name ({@code api.example.com}) takes every path on it; a wildcard
 *       ({@code *.example.com}) every subdomain at any depth, not the domain itself. Names ignore
 *       case and a trailing dot. Exact before wildcard, the longest wildcard first, then routes for
 *       any host.
 *   <li>R2 Paths: prefixes, matched on the undecoded path at {@code /} boundaries ({@code /api/}
 *       and {@code /api} both take {@code /api} and {@code /api/x}, not {@code /apix}); within a
 *       host class the longest wins; a class without a match falls through to the next.
 *   <li>R3 {@code strip-path}: the worker gets the path without the matched prefix ({@code /} for
 *       the prefix itself), and the prefix is {@code X-Forwarded-Prefix}.
 *   <li>R4 A request no route matches goes to {@code fleetgate.default-app} (with a single app:
 *       that app), else 404.
 *   <li>R5 {@link AppRoutes} reads and checks the keys: a host that is no host name, a prefix that
 *       is no plain path (no {@code ?}, {@code #}, {@code *}, {@code %}, dot segments or {@code
 *       //}), and two apps on the same host and prefix are refused naming the key.
 *   <li>R6 No lock and no regular expression on the request's way ({@link RouteTable}): one hash
 *       lookup per host class, one {@code startsWith} per prefix of that class.
 * </ul>
 */
package dev.fleetgate.proxy.routes;
