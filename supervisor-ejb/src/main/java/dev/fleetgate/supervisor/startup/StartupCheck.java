package dev.fleetgate.supervisor.startup;

import dev.fleetgate.supervisor.config.ConfigCheck;
import dev.fleetgate.supervisor.config.ConfigFile;
import dev.fleetgate.supervisor.config.ConfigProblem;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the configuration before the application starts (R1) and ends a Payara Micro whose start
 * failed (R2). A CDI extension, registered in {@code META-INF/services}: its events come before any
 * bean, EJB or servlet of the application starts, and after the last one stops.
 */
public class StartupCheck implements Extension {
  private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

  /**
   * What the exit logs when the deployment failed after the check, say for an unusable state-dir.
   */
  private static final String DEPLOYMENT_FAILED =
      "Fleetgate did not start: the application stopped while the server runs, its deployment"
          + " failed (see above). The server exits with status 1 ("
          + ConfigCheck.STANDALONE
          + "=true).";

  private final FailedStartExit exit = FailedStartExit.prepare();

  void checkConfiguration(@Observes AfterDeploymentValidation deployment) {
    ClassLoader loader = StartupCheck.class.getClassLoader();
    ConfigFile file = ConfigFile.locate(System::getProperty, System::getenv);
    List<ConfigProblem> problems =
        ConfigCheck.problems(
            new MicroProfileView(ConfigProvider.getConfig(loader)),
            file,
            ConfigCheck.rules(loader, false),
            ConfigCheck.shippedDefaults(loader));
    if (problems.isEmpty()) {
      LOG.log(
          Level.INFO,
          "Fleetgate configuration checked: {0}",
          file.path().isPresent() ? file.sourceName() : "no config file, defaults and overrides");
      return;
    }
    String report = "Fleetgate cannot start: " + ConfigCheck.report(problems);
    LOG.severe(report);
    deployment.addDeploymentProblem(new DeploymentException(report));
    exit.now(
        "Fleetgate did not start: its configuration is invalid (see above). The server exits with"
            + " status 1 ("
            + ConfigCheck.STANDALONE
            + "=true).");
  }

  void applicationStopped(@Observes BeforeShutdown shutdown) {
    // On Payara Micro the application stops only with the JVM, or when its deployment failed.
    // Only what is loaded already: the container has stopped the application's class loader.
    if (exit.armed() && !exit.jvmStopping()) {
      exit.now(DEPLOYMENT_FAILED);
    }
  }
}
