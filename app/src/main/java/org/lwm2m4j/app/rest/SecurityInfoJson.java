package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.CredentialOrigin;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.X509Security;

/**
 * Client credentials as JSON. In: {@code {"mode":"psk","identity":"dev1","key":"<hex>"}}, {@code
 * {"mode":"rpk","publicKey":"<base64 DER SubjectPublicKeyInfo>"}} or {@code {"mode":"x509"}}, each
 * optionally with the {@code "endpoint"} of the URL. Out: the same without the PSK key, which is
 * never shown, plus {@code "origin"} ({@code "api"} or {@code "psk-file"}).
 */
final class SecurityInfoJson {
  private static final String MODE = "mode";
  private static final String ENDPOINT = "endpoint";
  private static final String IDENTITY = "identity";
  private static final String KEY = "key";
  private static final String PUBLIC_KEY = "publicKey";
  private static final String ORIGIN = "origin";
  private static final String EXAMPLE =
      "{\"mode\":\"psk\",\"identity\":\"dev1\",\"key\":\"000102030405060708090a0b0c0d0e0f\"}";

  private SecurityInfoJson() {}

  /**
   * The credential {@code body} describes for {@code endpoint}.
   *
   * @throws InvalidRequestException if the body is not such a JSON object or a value is invalid;
   *     never any other exception
   */
  static SecurityInfo parse(String endpoint, byte[] body) {
    JsonNode json;
    try {
      json = JsonBody.parseRequest(body);
    } catch (BadRequestException e) {
      throw new InvalidRequestException(e.getMessage() + "; expected e.g. " + EXAMPLE);
    }
    if (!json.isObject()) {
      throw new InvalidRequestException("the body must be a JSON object, e.g. " + EXAMPLE);
    }
    String mode = text(json, MODE);
    checkEndpoint(json, endpoint);
    switch (mode) {
      case "psk":
        checkFields(json, mode, List.of(MODE, ENDPOINT, IDENTITY, KEY));
        return new PskSecurity(endpoint, text(json, IDENTITY), hex(text(json, KEY)));
      case "rpk":
        checkFields(json, mode, List.of(MODE, ENDPOINT, PUBLIC_KEY));
        return new RpkSecurity(endpoint, PublicKeys.decode(text(json, PUBLIC_KEY)));
      case "x509":
        checkFields(json, mode, List.of(MODE, ENDPOINT));
        return new X509Security(endpoint);
      default:
        throw new InvalidRequestException("unknown mode \"" + mode + "\"; use \"psk\", \"rpk\" or \"x509\"");
    }
  }

  /** {@code info} as JSON, without secrets. */
  static ObjectNode of(SecurityInfo info) {
    ObjectNode json = JsonBody.object().put(ENDPOINT, info.endpoint()).put(MODE, info.mode());
    if (info instanceof PskSecurity psk) {
      json.put(IDENTITY, psk.identity());
    } else if (info instanceof RpkSecurity rpk) {
      json.put(PUBLIC_KEY, PublicKeys.encode(rpk.publicKey()));
    }
    return json;
  }

  /** {@code info} as JSON, without secrets, with where it came from: {@code "api"} or {@code "psk-file"}. */
  static ObjectNode of(SecurityInfo info, CredentialOrigin origin) {
    return of(info).put(ORIGIN, origin == CredentialOrigin.PSK_FILE ? "psk-file" : "api");
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidRequestException("\"" + field + "\" is missing; expected e.g. " + EXAMPLE);
    }
    if (!value.isTextual()) {
      throw new InvalidRequestException("\"" + field + "\" must be a string, not " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return value.textValue();
  }

  private static void checkEndpoint(JsonNode json, String endpoint) {
    if (json.has(ENDPOINT) && !text(json, ENDPOINT).equals(endpoint)) {
      throw new InvalidRequestException("\"endpoint\" in the body is \"" + json.get(ENDPOINT).textValue()
          + "\" but the URL names \"" + endpoint + "\"; leave it out or make them equal");
    }
  }

  private static void checkFields(JsonNode json, String mode, List<String> allowed) {
    for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidRequestException("field \"" + name + "\" does not belong to mode \"" + mode
            + "\"; allowed: " + String.join(", ", allowed));
      }
    }
  }

  private static byte[] hex(String key) {
    if (key.length() % 2 != 0) {
      throw new InvalidRequestException("\"key\" has an odd number of hex digits (" + key.length() + ")");
    }
    for (int i = 0; i < key.length(); i++) {
      if (!HexFormat.isHexDigit(key.charAt(i))) {
        throw new InvalidRequestException("\"key\" must be hex; the character at position " + (i + 1) + " is not a hex digit");
      }
    }
    return HexFormat.of().parseHex(key);
  }
}
