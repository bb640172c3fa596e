/**
 * Who may use the console: sign-in with Jakarta Security, the administrator's credentials, the
 * password hash tool, the brake on guessing, and the bearer tokens of scrapers and the API.
 *
 * <p>Requirements (tests name the one they prove):
 *
 * <ul>
 *   <li><b>R1</b> Every console page needs the role {@value ConsoleIdentityStore#ROLE} or {@value
 *       ConsoleIdentityStore#VIEWER_ROLE}; only the login page, the Faces resources (styles,
 *       scripts) and the metrics endpoint (which checks by itself) are open. The constraints live
 *       in both {@code web.xml} files: admin-web's (EAR) and micro-war's (merged WAR).
 *   <li><b>R2</b> Sign-in is a custom Faces form ({@code login.xhtml}) driven by {@link
 *       ConsoleAuthentication}; the login page path is resolved per deployment shape through EL
 *       ({@code #{consolePaths.loginPage}}), so one code base serves both shapes.
 *   <li><b>R3</b> One administrator. User name from {@value AdminCredentials#USERNAME_KEY} (default
 *       {@code admin}); password from, in this order: {@value AdminCredentials#PASSWORD_HASH_KEY}
 *       (a PBKDF2 hash as Jakarta Security's {@code Pbkdf2PasswordHash} writes it), {@value
 *       AdminCredentials#PASSWORD_KEY} (plain text), or else a random password made at start and
 *       logged once at WARNING. There is never a built-in default password.
 *       <ul>
 *         <li><b>R3.1</b> A malformed hash stops the start, and the error names the key.
 *         <li><b>R3.2</b> Checks take the same time whether the user name, the password or both are
 *             wrong (constant-time comparison; the password is always checked).
 *         <li><b>R3.3</b> A generated password has at least 16 characters from {@link
 *             java.security.SecureRandom}.
 *       </ul>
 *   <li><b>R4</b> {@link HashPassword} makes such a hash with the JDK alone: {@code java -cp
 *       admin-web/target/classes dev.fleetgate.admin.security.HashPassword}. Hashes from Jakarta
 *       Security (any of its four PBKDF2 algorithms) are accepted as they are.
 *   <li><b>R5</b> A failed sign-in is logged with the user name and the remote address, and further
 *       attempts from that address are refused for 1 s, 2 s, 4 s … at most 30 s; a success or 15
 *       minutes without failure forgets the address.
 *   <li><b>R6</b> Signing out is a POST that logs out and invalidates the session.
 *   <li><b>R7</b> The session cookie is HttpOnly, SameSite=Strict, Secure when the session began
 *       over TLS, never replaced by URL rewriting, and scoped to {@code /admin} (web.xml {@code
 *       session-config}; SameSite in {@code WEB-INF/payara-web.xml}, as Payara reads it only
 *       there).
 *   <li><b>R8</b> An optional read-only user: {@value ViewerCredentials#USERNAME_KEY} with {@value
 *       ViewerCredentials#PASSWORD_HASH_KEY} or {@value ViewerCredentials#PASSWORD_KEY} gets role
 *       {@value ConsoleIdentityStore#VIEWER_ROLE}: every page, no operation. Unset: no viewer. A
 *       viewer without a password, or with the administrator's name, stops the start naming the
 *       key; its password is never generated.
 *   <li><b>R9</b> In the merged WAR, where the proxy is the same application, only requests for the
 *       console (servlet path under the prefix) reach the sign-in module; every other request
 *       passes with no caller at once ({@link ConsoleOnlyAuthentication}).
 *   <li><b>R10</b> Bearer tokens ({@code fleetgate.metrics.token}, {@code
 *       fleetgate.admin.api-token}) are compared as SHA-256 digests in constant time; a blank or
 *       unset token matches nothing ({@link BearerToken}).
 *   <li><b>R11</b> In a cluster ({@code fleetgate.cluster.enabled}), a console sign-in is good on
 *       every node, so a load balancer in front of the consoles never sends a signed-in user back
 *       to sign in ({@link ClusterSignIn}). Without a cluster nothing of this happens: no cookie is
 *       written or read.
 *       <ul>
 *         <li><b>R11.1</b> A sign-in also sets the cookie {@value NodeSessionCookie#NAME}: a {@link
 *             NodeSessionToken} with the user, the role, when it was issued and when it expires
 *             (the console session's timeout later), signed with HMAC-SHA256 and the cluster's
 *             session key (derived from {@code fleetgate.cluster.secret}, the same on every node).
 *             HttpOnly, SameSite=Strict, scoped to the console's path ({@code /admin}), Secure when
 *             the request came over TLS, no Max-Age.
 *         <li><b>R11.2</b> A request for a protected console page that has no session on this node
 *             and carries a token signed with the key, not expired, and naming a user this node's
 *             configuration has with that same role is signed in as that user and gets a session
 *             here. A token with a wrong signature or key, changed, expired, malformed, or for a
 *             user (or role) this node does not have is ignored: the caller signs in as usual.
 *         <li><b>R11.3</b> A signed-in request whose token is missing, for another user, or past
 *             half its life gets a new one: the token lasts as long as the session is used.
 *         <li><b>R11.4</b> Signing out clears the cookie.
 *         <li><b>R11.5</b> The token says who, never that a post is genuine: Faces keeps the view
 *             state in the session of the node that rendered the page, so a form posted to another
 *             node does nothing, and the cookie, like the session's, never comes with another
 *             site's request. Such a post ends in its page reloaded, signed in by the token: an
 *             AJAX post gets Faces' expired-view answer, and a poll that gets it reloads the page
 *             ({@code console.js}); a whole-page form (Sign out) is redirected to its page.
 *       </ul>
 * </ul>
 */
package dev.fleetgate.admin.security;
