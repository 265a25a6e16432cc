package org.lwm2m4j.client.object;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The arguments of an Execute ({@code 0,1='text',2}): digits, each optionally with a quoted value,
 * unique within the list. Parsed leniently about spaces after commas, as the spec's own examples
 * need; anything else malformed is 4.00.
 */
public record ExecuteArguments(Map<Integer, Optional<String>> values) {
  public static final ExecuteArguments NONE = new ExecuteArguments(Map.of());

  public ExecuteArguments {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** @throws InvalidRequestException if {@code text} is not a valid argument list */
  public static ExecuteArguments parse(String text) {
    if (text.isBlank()) {
      return NONE;
    }
    Map<Integer, Optional<String>> values = new LinkedHashMap<>();
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      if (i >= n || !Character.isDigit(text.charAt(i))) {
        throw bad(text, "expected a digit at position " + i);
      }
      int digit = text.charAt(i++) - '0';
      Optional<String> value = Optional.empty();
      if (i < n && text.charAt(i) == '=') {
        if (i + 1 >= n || text.charAt(i + 1) != '\'') {
          throw bad(text, "a value must be quoted with ' after " + digit + "=");
        }
        int end = text.indexOf('\'', i + 2);
        if (end < 0) {
          throw bad(text, "the value of argument " + digit + " has no closing quote");
        }
        value = Optional.of(text.substring(i + 2, end));
        i = end + 1;
      }
      if (values.put(digit, value) != null) {
        throw bad(text, "argument " + digit + " appears twice");
      }
      if (i == n) {
        return new ExecuteArguments(values);
      }
      if (text.charAt(i) != ',') {
        throw bad(text, "expected ',' at position " + i);
      }
      i++;
    }
  }

  private static InvalidRequestException bad(String text, String why) {
    return new InvalidRequestException("invalid Execute arguments '" + text + "': " + why);
  }
}
