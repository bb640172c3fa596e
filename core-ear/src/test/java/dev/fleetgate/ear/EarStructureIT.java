package dev.fleetgate.ear;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The EAR an application server gets: one EJB module, two WARs, their context roots. */
class EarStructureIT {
  static final String EAR = System.getProperty("fleetgate.ear");

  @Test
  void mapsTheProxyToRootAndTheConsoleToAdmin() throws IOException {
    try (ZipFile ear = new ZipFile(EAR)) {
      String application =
          new String(
              ear.getInputStream(ear.getEntry("META-INF/application.xml")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertTrue(
          application
              .replaceAll("\\s", "")
              .contains("<web-uri>proxy-war.war</web-uri><context-root>/</context-root>"),
          application);
      assertTrue(
          application
              .replaceAll("\\s", "")
              .contains("<web-uri>admin-web.war</web-uri><context-root>/admin</context-root>"),
          application);
      assertTrue(application.contains("<ejb>supervisor-ejb.jar</ejb>"), application);
      assertNotNull(ear.getEntry("supervisor-ejb.jar"));
    }
  }

  @Test
  void neitherWarCarriesItsOwnCopyOfTheSupervisorAndBothHaveCdiOn() throws IOException {
    try (ZipFile ear = new ZipFile(EAR)) {
      for (String war : new String[] {"proxy-war.war", "admin-web.war"}) {
        boolean beansXml = false;
        try (InputStream in = ear.getInputStream(ear.getEntry(war));
            ZipInputStream entries = new ZipInputStream(in)) {
          ZipEntry entry;
          while ((entry = entries.getNextEntry()) != null) {
            assertFalse(
                entry.getName().startsWith("WEB-INF/lib/supervisor-ejb"),
                war + " must not contain " + entry.getName());
            beansXml |= entry.getName().equals("WEB-INF/beans.xml");
          }
        }
        assertTrue(beansXml, war + " has WEB-INF/beans.xml, or CDI is off in it");
      }
    }
  }
}
