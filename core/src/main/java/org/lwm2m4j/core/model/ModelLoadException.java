package org.lwm2m4j.core.model;

import java.util.OptionalInt;

/**
 * An object definition file that cannot be loaded: not readable, not well-formed XML, or a DDF
 * document with a missing or invalid field. The message reads like a compiler diagnostic,
 * {@code "sensors/3303.xml:42: <Type> 'Flaot' of resource 5700 is not a known data type"}, so it
 * can be shown to whoever wrote the file as is.
 *
 * <p>Checked on purpose: models are loaded once at start-up from user-supplied files, and the
 * caller must decide whether a bad file aborts the start or is reported and skipped.
 */
public final class ModelLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  ModelLoadException(String source, int line, String detail) {
    this(source, line, detail, null);
  }

  ModelLoadException(String source, int line, String detail, Throwable cause) {
    super(source + (line > 0 ? ":" + line : "") + ": " + detail, cause);
    this.source = source;
    this.line = line;
  }

  /** The file (or other source name) that failed to load. */
  public String source() {
    return source;
  }

  /** The line of the offending element, when the failure is tied to one. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }
}
