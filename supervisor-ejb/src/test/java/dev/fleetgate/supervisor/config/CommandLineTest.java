package dev.fleetgate.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** R1: the worker command is split into words as a POSIX shell would, without a shell. */
class CommandLineTest {

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of("node server.js", List.of("node", "server.js")),
        Arguments.of("  node   server.js  ", List.of("node", "server.js")),
        Arguments.of("java -jar 'my app.jar'", List.of("java", "-jar", "my app.jar")),
        Arguments.of("python3 \"app dir/main.py\"", List.of("python3", "app dir/main.py")),
        Arguments.of("echo \"say \\\"hi\\\"\"", List.of("echo", "say \"hi\"")),
        Arguments.of("echo 'no $expansion here'", List.of("echo", "no $expansion here")),
        Arguments.of("echo a\\ b", List.of("echo", "a b")),
        Arguments.of("echo pre'quoted'post", List.of("echo", "prequotedpost")),
        Arguments.of("echo ''", List.of("echo", "")),
        Arguments.of(
            "sh -c 'exec node app.js > out.log'",
            List.of("sh", "-c", "exec node app.js > out.log")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void r1_splitsLikeAPosixShell(String line, List<String> words) {
    assertEquals(words, CommandLine.split("fleetgate.workers.command", line));
  }
}
