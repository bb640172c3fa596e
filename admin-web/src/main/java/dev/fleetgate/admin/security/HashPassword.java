package dev.fleetgate.admin.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Prints a PBKDF2 hash of a password for {@code fleetgate.admin.password-hash} (R4). Needs the JDK
 * only:
 *
 * <pre>
 * java -cp admin-web/target/classes dev.fleetgate.admin.security.HashPassword
 * Password:
 * Again:
 * PBKDF2WithHmacSHA256:600000:3q2+7w...:Yk9f...
 *
 * export FLEETGATE_ADMIN_PASSWORD_HASH='PBKDF2WithHmacSHA256:600000:3q2+7w...:Yk9f...'
 * </pre>
 *
 * Without a terminal it reads the password from the first line of standard input ({@code printf
 * '%s\n' "$PW" | java ...}). The password is never taken from the command line, where {@code ps}
 * and the shell history would keep it.
 */
public final class HashPassword {

  private HashPassword() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0) {
      System.err.println("usage: java -cp <classes> " + HashPassword.class.getName());
      System.err.println("  reads the password from the terminal (or the first line of stdin)");
      System.err.println("  and prints the value for fleetgate.admin.password-hash");
      System.exit(2);
    }
    char[] password = readPassword(System.console(), System.err);
    if (password.length == 0) {
      System.err.println("No password given.");
      System.exit(1);
    }
    try {
      System.out.println(Pbkdf2Hash.create(password, new SecureRandom()).encoded());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] readPassword(Console console, PrintStream err) throws IOException {
    if (console == null) {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    }
    char[] first = console.readPassword("Password: ");
    char[] second = console.readPassword("Again: ");
    if (first == null || !Arrays.equals(first, second)) {
      err.println("The two entries differ.");
      System.exit(1);
    }
    Arrays.fill(second, '\0');
    return first;
  }
}
