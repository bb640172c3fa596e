package dev.fleetgate.supervisor.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell would, without running a shell: blanks separate
 * words, single quotes keep everything literally, double quotes keep blanks and honour {@code \"},
 * {@code \\}, {@code \$} and {@code \`}, a backslash outside quotes keeps the next character.
 * Variables, globs and operators are not interpreted: the words go to the program as written.
 */
public final class CommandLine {
  private CommandLine() {}

  public static List<String> split(String key, String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new InvalidConfigurationException(key, line, "unterminated single quote");
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end;
      } else if (c == '"') {
        i = appendDoubleQuoted(key, line, i + 1, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 < line.length()) {
          word.append(line.charAt(++i));
        }
        inWord = true;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new InvalidConfigurationException(key, line, "no command to run");
    }
    return List.copyOf(words);
  }

  /** Appends the double-quoted text starting at {@code from}; returns the closing quote's index. */
  private static int appendDoubleQuoted(String key, String line, int from, StringBuilder word) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
        word.append(line.charAt(++i));
      } else {
        word.append(c);
      }
    }
    throw new InvalidConfigurationException(key, line, "unterminated double quote");
  }
}
