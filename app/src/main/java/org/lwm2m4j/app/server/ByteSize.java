package org.lwm2m4j.app.server;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size given on the command line: plain bytes ({@code 1048576}) or a whole number with a unit,
 * binary ({@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}) or decimal ({@code B}, {@code kB},
 * {@code MB}, {@code GB}, {@code TB}), in any case and with or without a space ({@code 64MiB},
 * {@code 16 mib}).
 *
 * @param bytes the size in bytes, at least 1
 */
public record ByteSize(long bytes) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,19})\\s*([a-z]*)");
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("", 1L), Map.entry("b", 1L),
      Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40),
      Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L), Map.entry("tb", 1_000_000_000_000L));

  public ByteSize {
    if (bytes < 1) {
      throw new IllegalArgumentException("a size must be at least 1 byte, not " + bytes);
    }
  }

  /**
   * The size {@code text} gives.
   *
   * @throws IllegalArgumentException naming the forms that work, if it is none of them, zero, or
   *     more than a {@code long} holds
   */
  public static ByteSize parse(String text) {
    Matcher form = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    Long unit = form.matches() ? UNITS.get(form.group(2)) : null;
    if (unit != null) {
      try {
        long bytes = Math.multiplyExact(Long.parseLong(form.group(1)), unit);
        if (bytes > 0) {
          return new ByteSize(bytes);
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // too large: answered below with the forms that work
      }
    }
    throw new IllegalArgumentException("'" + text + "' is no size; give a positive whole number of bytes (67108864) "
        + "or one with a unit: 64MiB, 512KiB, 1GiB, or decimal 10MB, 500kB");
  }
}
