package dev.fleetgate.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file and its MicroProfile Config source. */
class ConfigFileTest {
  @TempDir Path dir;

  @Test
  @DisplayName("R1 the file named by the system property is read, UTF-8")
  void readsTheNamedFile() throws IOException {
    Path file = dir.resolve("fleetgate.properties");
    Files.writeString(
        file,
        "# a comment\nfleetgate.workers.count = 2\nfleetgate.http.server-header=Flëet\n",
        StandardCharsets.UTF_8);

    ConfigFile cut = ConfigFile.locate(Map.of(ConfigFile.KEY, file.toString())::get, n -> null);

    assertEquals(Optional.of(file), cut.path());
    assertEquals(
        Map.of("fleetgate.workers.count", "2", "fleetgate.http.server-header", "Flëet"),
        cut.properties());
    assertEquals(Optional.empty(), cut.problem());
    assertEquals("config file " + file, cut.sourceName());
  }

  @Test
  @DisplayName("R1 the system property names the file before FLEETGATE_CONFIG does")
  void systemPropertyBeforeEnvironment() throws IOException {
    Path property = Files.writeString(dir.resolve("a.properties"), "fleetgate.workers.count=1");
    Path variable = Files.writeString(dir.resolve("b.properties"), "fleetgate.workers.count=2");

    assertEquals(
        Optional.of(property),
        ConfigFile.locate(
                Map.of(ConfigFile.KEY, property.toString())::get,
                Map.of(ConfigFile.VARIABLE, variable.toString())::get)
            .path());
    assertEquals(
        Optional.of(variable),
        ConfigFile.locate(n -> null, Map.of(ConfigFile.VARIABLE, variable.toString())::get).path());
  }

  @Test
  @DisplayName("R1 no file named: no file, no problem")
  void noFileNamed() {
    ConfigFile cut = ConfigFile.locate(n -> null, n -> null);

    assertEquals(Optional.empty(), cut.path());
    assertEquals(Map.of(), cut.properties());
    assertEquals(Optional.empty(), cut.problem());
  }

  @Test
  @DisplayName("R1 a named file that does not exist is a problem naming it and what named it")
  void missingNamedFile() {
    Path missing = dir.resolve("missing.properties");

    ConfigFile cut =
        ConfigFile.locate(n -> null, Map.of(ConfigFile.VARIABLE, missing.toString())::get);

    assertEquals(Map.of(), cut.properties());
    assertEquals(
        "config file " + missing + " (environment FLEETGATE_CONFIG): no such file",
        cut.problem().orElseThrow().text());
  }

  @Test
  @DisplayName("R1 a named file that cannot be read is a problem naming it")
  void unreadableNamedFile() {
    ConfigFile cut = ConfigFile.locate(Map.of(ConfigFile.KEY, dir.toString())::get, n -> null);

    String problem = cut.problem().orElseThrow().text();
    assertTrue(
        problem.startsWith(
            "config file " + dir + " (system property fleetgate.config): cannot be read"),
        problem);
  }

  @Test
  @DisplayName(
      "R1 the source lies between the defaults (100) and the environment (300), named by path")
  void sourceOrdinalAndName() throws IOException {
    Path file = Files.writeString(dir.resolve("f.properties"), "fleetgate.workers.count=3");
    ConfigFileSource cut = new ConfigFileSource(ConfigFile.read(file, "test"));

    assertEquals(200, cut.getOrdinal());
    assertEquals("config file " + file, cut.getName());
    assertEquals("3", cut.getValue("fleetgate.workers.count"));
    assertEquals(Set.of("fleetgate.workers.count"), cut.getPropertyNames());
    assertEquals("config file " + file, SourceLabel.of(cut.getName(), cut.getOrdinal()));
  }
}
