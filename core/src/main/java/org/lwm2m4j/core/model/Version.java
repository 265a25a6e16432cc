package org.lwm2m4j.core.model;

import java.util.Objects;

/**
 * A {@code major.minor} version, as used for object versions ({@code ver=1.1}) and LwM2M enabler
 * versions ({@code lwm2m=1.2}). Ordered numerically, so 1.10 is after 1.9.
 */
public record Version(int major, int minor) implements Comparable<Version> {
  /**
   * One shared instance per common version (majors 0-3, minors 0-15): a server keeps the parsed
   * {@code lwm2m=} of every registration, and a copy each costs a million-device node 24 MB.
   */
  private static final Version[][] SHARED = shared();
  public static final Version V1_0 = of(1, 0);
  public static final Version V1_1 = of(1, 1);
  public static final Version V1_2 = of(1, 2);

  public Version {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
  }

  /** {@code major.minor}, the shared instance for a common version. */
  public static Version of(int major, int minor) {
    if (major >= 0 && major < SHARED.length && minor >= 0 && minor < SHARED[major].length) {
      return SHARED[major][minor];
    }
    return new Version(major, minor);
  }

  private static Version[][] shared() {
    Version[][] shared = new Version[4][16];
    for (int major = 0; major < shared.length; major++) {
      for (int minor = 0; minor < shared[major].length; minor++) {
        shared[major][minor] = new Version(major, minor);
      }
    }
    return shared;
  }

  /**
   * Parses {@code "1.1"}; a bare major ({@code "2"}) means {@code 2.0}. A third component
   * ({@code "1.2.1"}, a corrigendum) is accepted and ignored.
   *
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static Version parse(String text) {
    Objects.requireNonNull(text, "version");
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length < 1 || parts.length > 3) {
      throw new IllegalArgumentException("version '" + text + "' is not of the form major.minor");
    }
    try {
      int major = parseNumber(parts[0], text);
      int minor = parts.length > 1 ? parseNumber(parts[1], text) : 0;
      if (parts.length > 2) {
        parseNumber(parts[2], text);
      }
      return of(major, minor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("version '" + text + "' is not of the form major.minor", e);
    }
  }

  /**
   * Parses exactly {@code major.minor} as the wire syntax of {@code lwm2m=} and {@code ver=} has it:
   * ASCII digits on both sides of one dot, at most 4 each, no sign, blank, third component or
   * leading zero ({@code 0} alone is fine). Use it where a peer's text is checked; {@link #parse}
   * is the lenient reading for models and stored values.
   *
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static Version parseExact(String text) {
    Objects.requireNonNull(text, "version");
    int dot = text.indexOf('.');
    if (dot < 0 || !isCanonicalNumber(text, 0, dot) || !isCanonicalNumber(text, dot + 1, text.length())) {
      throw new IllegalArgumentException("version '" + text + "' is not of the form major.minor (digits, no leading zeros)");
    }
    return of(Integer.parseInt(text, 0, dot, 10), Integer.parseInt(text, dot + 1, text.length(), 10));
  }

  private static boolean isCanonicalNumber(String text, int from, int to) {
    if (to <= from || to - from > 4 || (text.charAt(from) == '0' && to - from > 1)) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int parseNumber(String digits, String whole) {
    if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("version '" + whole + "' is not of the form major.minor");
    }
    return Integer.parseInt(digits);
  }

  @Override
  public int compareTo(Version other) {
    int c = Integer.compare(major, other.major);
    return c != 0 ? c : Integer.compare(minor, other.minor);
  }

  /** {@code "1.1"}. */
  @Override
  public String toString() {
    return major + "." + minor;
  }
}
