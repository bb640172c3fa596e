package dev.fleetgate.admin.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks the console's administrator (R3) and its optional read-only viewer (R8). The credentials
 * are resolved when the application starts, so a malformed hash fails the deployment (R3.1) and a
 * generated password is in the log before anyone needs it.
 *
 * <p>Configure with MicroProfile Config (system property, environment variable, or {@code
 * microprofile-config.properties}):
 *
 * <ul>
 *   <li>{@code fleetgate.admin.username} ({@code FLEETGATE_ADMIN_USERNAME}), default {@code admin}
 *   <li>{@code fleetgate.admin.password-hash} ({@code FLEETGATE_ADMIN_PASSWORD_HASH}): output of
 *       {@link HashPassword}, or any hash of Jakarta Security's {@code Pbkdf2PasswordHash}
 *   <li>{@code fleetgate.admin.password} ({@code FLEETGATE_ADMIN_PASSWORD}): plain text, used only
 *       when no hash is set
 *   <li>{@code fleetgate.admin.viewer-username}, {@code fleetgate.admin.viewer-password-hash},
 *       {@code fleetgate.admin.viewer-password}: the same for a user who may only look; unset = no
 *       viewer
 * </ul>
 */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {

  /** The role that may act; every console page admits it (web.xml). Granted as a group. */
  public static final String ROLE = "fleetgate-admin";

  /** The role that may only look (R8); every console page admits it too. Granted as a group. */
  public static final String VIEWER_ROLE = "fleetgate-viewer";

  private static final Logger LOG = Logger.getLogger(ConsoleIdentityStore.class.getName());
  private static final String RULE = "*".repeat(78);

  @Inject
  @ConfigProperty(name = AdminCredentials.USERNAME_KEY, defaultValue = "admin")
  String username;

  @Inject
  @ConfigProperty(name = AdminCredentials.PASSWORD_HASH_KEY)
  Optional<String> passwordHash;

  @Inject
  @ConfigProperty(name = AdminCredentials.PASSWORD_KEY)
  Optional<String> password;

  @Inject
  @ConfigProperty(name = ViewerCredentials.USERNAME_KEY)
  Optional<String> viewerUsername;

  @Inject
  @ConfigProperty(name = ViewerCredentials.PASSWORD_HASH_KEY)
  Optional<String> viewerPasswordHash;

  @Inject
  @ConfigProperty(name = ViewerCredentials.PASSWORD_KEY)
  Optional<String> viewerPassword;

  private AdminCredentials credentials;
  private Optional<ViewerCredentials> viewer;

  /** Creates this bean, and so resolves the credentials, as soon as the application is up. */
  void resolveAtStartup(@Observes Startup startup) {
    LOG.log(Level.FINE, "Fleetgate console credentials come from {0}", credentials.source());
  }

  @PostConstruct
  void resolveCredentials() {
    credentials =
        AdminCredentials.resolve(
            username,
            passwordHash.orElse(null),
            password.orElse(null),
            () -> AdminCredentials.generatePassword(new SecureRandom()));
    credentials.generatedPassword().ifPresentOrElse(this::announce, this::describe);
    viewer =
        ViewerCredentials.resolve(
            viewerUsername.orElse(null),
            viewerPasswordHash.orElse(null),
            viewerPassword.orElse(null),
            credentials.username());
    viewer.ifPresent(
        v ->
            LOG.log(
                Level.INFO,
                "Fleetgate console: read-only user {0} from {1}",
                new Object[] {v.username(), ViewerCredentials.USERNAME_KEY}));
  }

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    char[] typed = login.getPassword().getValue();
    boolean admin = credentials.matches(login.getCaller(), typed);
    // Checked even when the administrator matched: the time taken tells nothing about who it was.
    boolean looker = viewer.map(v -> v.matches(login.getCaller(), typed)).orElse(false);
    if (admin) {
      return new CredentialValidationResult(login.getCaller(), Set.of(ROLE));
    }
    return looker
        ? new CredentialValidationResult(login.getCaller(), Set.of(VIEWER_ROLE))
        : CredentialValidationResult.INVALID_RESULT;
  }

  /**
   * The role this node's configuration gives {@code user}, or empty for a name it does not have:
   * how a session token from another node of the cluster is checked (R11.2).
   */
  public Optional<String> roleOf(String user) {
    if (credentials.username().equals(user)) {
      return Optional.of(ROLE);
    }
    return viewer.filter(v -> v.username().equals(user)).map(v -> VIEWER_ROLE);
  }

  private void announce(String generated) {
    LOG.log(
        Level.WARNING,
        "\n{0}\nFleetgate console: user {1}, generated password {2} (set {3} to choose one)\n{0}",
        new Object[] {RULE, credentials.username(), generated, AdminCredentials.PASSWORD_KEY});
  }

  private void describe() {
    if (credentials.source() == AdminCredentials.Source.PLAIN) {
      LOG.log(
          Level.INFO,
          "Fleetgate console: user {0}, password from {1}; {2} keeps it out of plain sight",
          new Object[] {
            credentials.username(),
            AdminCredentials.PASSWORD_KEY,
            AdminCredentials.PASSWORD_HASH_KEY
          });
    } else {
      LOG.log(
          Level.INFO,
          "Fleetgate console: user {0}, password hash from {1}",
          new Object[] {credentials.username(), AdminCredentials.PASSWORD_HASH_KEY});
      password.ifPresent(
          ignored ->
              LOG.log(
                  Level.WARNING,
                  "Fleetgate console: {0} is ignored because {1} is set",
                  new Object[] {
                    AdminCredentials.PASSWORD_KEY, AdminCredentials.PASSWORD_HASH_KEY
                  }));
    }
  }
}
