package dev.fleetgate.admin.security;

/** The administrator's password as the console keeps it: a PBKDF2 hash or the plain text. */
public sealed interface StoredPassword permits Pbkdf2Hash, PlainPassword {

  /** True if {@code candidate} is this password; takes the same time for any wrong candidate. */
  boolean matches(char[] candidate);
}
