package dev.fleetgate.admin.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Turns on the console's sign-in: Jakarta Security's custom form mechanism (R2). A request for a
 * protected page without a signed-in caller is saved and redirected to the login page; {@link
 * dev.fleetgate.admin.LoginPage} hands the credentials to {@link ConsoleIdentityStore}; on success
 * the caller is sent back to the saved page and stays signed in for the session.
 *
 * <p>The login page is {@code /login.xhtml} in the EAR but {@code /admin/login.xhtml} in the merged
 * WAR (paths relative to the application). The deferred expression {@code #{...}} is evaluated on
 * each use, reading {@link dev.fleetgate.admin.ConsolePaths}, which knows the shape from web.xml.
 *
 * <p>Redirect rather than forward: the address bar shows the login page. A polling AJAX request
 * that lost its session follows the redirect with its Faces-Request header, so it gets the login
 * page as a partial response that updates none of the polled page's parts; {@code console.js} sees
 * that and reloads the page, whose own GET is then what sign-in returns to. No error page: {@code
 * LoginPage} shows the failure.
 *
 * <p>In the merged WAR this mechanism sees the proxy's requests too. For them (not protected, no
 * session) it does nothing and creates no session.
 *
 * <p>In a cluster, {@link ClusterSignIn} decorates this mechanism: a sign-in is then good on every
 * node (R11).
 */
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(
            loginPage = "#{consolePaths.loginPage}",
            errorPage = "",
            useForwardToLogin = false))
@ApplicationScoped
public class ConsoleAuthentication {}
