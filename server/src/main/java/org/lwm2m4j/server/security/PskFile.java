package org.lwm2m4j.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The {@code --psk-file} format: one credential a line as {@code endpoint,identity,hexkey}, for
 * example {@code dev1,dev1,000102030405060708090a0b0c0d0e0f}. Fields are trimmed; blank lines and
 * lines starting with {@code #} are ignored. Since fields are comma-separated, an endpoint or
 * identity containing a comma cannot be written here (use the REST API). A file is accepted
 * whole or not at all: the first error names its line and what is wrong.
 */
public final class PskFile {
  private static final int FIELDS = 3;

  private PskFile() {}

  /**
   * The credentials in {@code file} (UTF-8).
   *
   * @throws IOException if it cannot be read
   * @throws InvalidRequestException if a line is malformed, naming the file and line
   */
  public static List<PskSecurity> load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(text);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The credentials in {@code text}, in file order.
   *
   * @throws InvalidRequestException if a line is malformed, or an endpoint or identity appears
   *     twice; the message starts with {@code line N:}
   */
  public static List<PskSecurity> parse(String text) {
    List<PskSecurity> credentials = new ArrayList<>();
    Map<String, Integer> endpointLines = new HashMap<>();
    Map<String, Integer> identityLines = new HashMap<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int index = 0; index < lines.length; index++) {
      int number = index + 1;
      String line = index == 0 ? stripByteOrderMark(lines[index]).trim() : lines[index].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      PskSecurity psk = parseLine(number, line);
      Integer earlier = endpointLines.putIfAbsent(psk.endpoint(), number);
      if (earlier != null) {
        throw error(number, "endpoint '" + psk.endpoint() + "' already has a key on line " + earlier);
      }
      earlier = identityLines.putIfAbsent(psk.identity(), number);
      if (earlier != null) {
        throw error(number, "identity '" + psk.identity() + "' is already used on line " + earlier
            + "; each endpoint needs its own identity");
      }
      credentials.add(psk);
    }
    return List.copyOf(credentials);
  }

  private static PskSecurity parseLine(int number, String line) {
    String[] fields = line.split(",", -1);
    if (fields.length != FIELDS) {
      throw error(number, "expected 3 comma-separated fields 'endpoint,identity,hexkey', found " + fields.length);
    }
    String endpoint = fields[0].trim();
    String identity = fields[1].trim();
    String hex = fields[2].trim();
    if (endpoint.isEmpty()) {
      throw error(number, "the endpoint (field 1) is empty");
    }
    if (identity.isEmpty()) {
      throw error(number, "the identity (field 2) is empty");
    }
    byte[] key = parseHex(number, hex);
    try {
      return new PskSecurity(endpoint, identity, key);
    } catch (InvalidRequestException e) {
      throw error(number, e.getMessage());
    }
  }

  private static byte[] parseHex(int number, String hex) {
    if (hex.isEmpty()) {
      throw error(number, "the key (field 3) is empty; expected hex digits, e.g. 000102030405060708090a0b0c0d0e0f");
    }
    if (hex.length() % 2 != 0) {
      throw error(number, "the key (field 3) has an odd number of hex digits (" + hex.length() + ")");
    }
    for (int i = 0; i < hex.length(); i++) {
      if (!HexFormat.isHexDigit(hex.charAt(i))) {
        throw error(number, "the key (field 3) has a character that is not a hex digit at position " + (i + 1));
      }
    }
    return HexFormat.of().parseHex(hex);
  }

  private static String stripByteOrderMark(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private static InvalidRequestException error(int number, String problem) {
    return new InvalidRequestException("line " + number + ": " + problem);
  }
}
