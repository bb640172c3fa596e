package dev.fleetgate.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What an application server gets in {@code fleetgate.ear}: the supervisor once, at the root, as
 * the EJB module; the proxy at {@code /} and the console at {@code /admin}; CDI on in both WARs.
 * Runs in the {@code package} phase, right after the EAR is built.
 */
class EarStructureTest {
  static final String EAR = System.getProperty("fleetgate.ear", "target/fleetgate.ear");
  static Map<String, String> contextRoots = new HashMap<>();
  static List<String> ejbModules = new ArrayList<>();

  @BeforeAll
  static void readApplicationXml() throws Exception {
    try (ZipFile ear = new ZipFile(EAR);
        InputStream xml = ear.getInputStream(ear.getEntry("META-INF/application.xml"))) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document application = factory.newDocumentBuilder().parse(xml);
      NodeList webs = application.getElementsByTagNameNS("*", "web");
      for (int i = 0; i < webs.getLength(); i++) {
        Element web = (Element) webs.item(i);
        contextRoots.put(text(web, "web-uri"), text(web, "context-root"));
      }
      NodeList ejbs = application.getElementsByTagNameNS("*", "ejb");
      for (int i = 0; i < ejbs.getLength(); i++) {
        ejbModules.add(ejbs.item(i).getTextContent().trim());
      }
    }
  }

  @Test
  void mapsTheProxyToTheRootAndTheConsoleToAdmin() {
    assertEquals(Map.of("proxy-war.war", "/", "admin-web.war", "/admin"), contextRoots);
  }

  @Test
  void holdsTheSupervisorOnceAtTheRootAsTheEjbModule() throws IOException {
    assertEquals(List.of("supervisor-ejb.jar"), ejbModules);
    try (ZipFile ear = new ZipFile(EAR)) {
      assertNotNull(ear.getEntry("supervisor-ejb.jar"), "supervisor-ejb.jar at the EAR's root");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxy-war.war", "admin-web.war"})
  void warUsesTheSharedSupervisorAndHasCdiOn(String war) throws IOException {
    List<String> entries = entriesOf(war);
    assertTrue(
        entries.stream().noneMatch(e -> e.startsWith("WEB-INF/lib/supervisor-ejb")),
        war + " must not bundle its own supervisor-ejb (a second Supervisor singleton)");
    assertTrue(
        entries.contains("WEB-INF/beans.xml"),
        war + " needs WEB-INF/beans.xml: without it CDI is off in the EAR and config stays null");
  }

  static List<String> entriesOf(String war) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile ear = new ZipFile(EAR)) {
      ZipEntry entry = ear.getEntry(war);
      assertNotNull(entry, war + " in " + EAR);
      try (ZipInputStream in = new ZipInputStream(ear.getInputStream(entry))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          names.add(e.getName());
        }
      }
    }
    return names;
  }

  static String text(Element parent, String child) {
    NodeList nodes = parent.getElementsByTagNameNS("*", child);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
