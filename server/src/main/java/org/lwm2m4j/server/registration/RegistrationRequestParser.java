package org.lwm2m4j.server.registration;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.error.ConflictException;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.PreconditionFailedException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.security.EndpointNames;

/**
 * Checks the query parameters and payload of Register and Update requests and turns them into
 * values, with the codes the spec gives: 4.00 for a malformed or repeated parameter or payload,
 * 4.12 for a well-formed LwM2M version this server does not speak (anything but 1.0, 1.1 and
 * 1.2), 4.09 for a Register whose object list cannot be determined (a {@code pid} without a
 * payload). Parameters LwM2M does not define are kept, as Leshan does, rather than refused.
 *
 * <p>Strict where a lenient reading would cost: {@code ep} must pass {@link EndpointNames#check}
 * (printable UTF-8, at most 256 bytes), since it goes into log lines and keys the registration;
 * {@code lt} is 1 to 2<sup>32</sup>−1 s (a lifetime of 0 would never expire and let anyone hold
 * a name for good); {@code lwm2m} is exactly {@code major.minor}; the payload's {@code ct} and
 * {@code ver} are checked by {@link ObjectLinks}.
 */
public final class RegistrationRequestParser {
  /** The longest lifetime accepted: 2^32 − 1 seconds (about 136 years). */
  static final long MAX_LIFETIME = 0xFFFF_FFFFL;
  /** The shortest lifetime accepted: a registration must expire. */
  static final long MIN_LIFETIME = 1;
  static final long DEFAULT_LIFETIME = 86_400;
  /** The LwM2M versions this server speaks; any other, a newer minor included, is refused with 4.12. */
  private static final List<Version> SUPPORTED_VERSIONS = List.of(Version.V1_0, Version.V1_1, Version.V1_2);
  /** The Register parameters LwM2M defines; any other is kept as it came. */
  private static final Set<String> DEFINED = Set.of("ep", "lt", "lwm2m", "b", "Q", "sms", "pid");

  private RegistrationRequestParser() {}

  /**
   * A Register request.
   *
   * @param query the Uri-Query options, each {@code name=value} or a bare {@code name}
   * @param payload the link-format object list (may be empty only with a {@code pid})
   */
  public static RegisterRequest parseRegister(List<String> query, byte[] payload) {
    Map<String, Optional<String>> parameters = parameters(query);
    Optional<String> endpoint = value(parameters, "ep").map(EndpointNames::check);
    Version version = version(value(parameters, "lwm2m").orElse("1.0"));
    long lifetime = value(parameters, "lt").map(RegistrationRequestParser::lifetime).orElse(DEFAULT_LIFETIME);
    Binding binding = Binding.parse(value(parameters, "b").orElse("U"), version);
    boolean queue = binding.queueMode() || flag(parameters, "Q");
    Optional<String> sms = value(parameters, "sms").map(RegistrationRequestParser::msisdn);
    String links = text(payload);
    if (links.isEmpty()) {
      if (parameters.containsKey("pid")) {
        throw new ConflictException("the object list cannot be determined: profile ids (pid) are not supported, send the list");
      }
      throw new InvalidRequestException("Register needs the object list as a link-format payload");
    }
    // the shared text, not this request's copy: registrations with the same list keep one string
    links = ObjectLinks.parseShared(links).text();
    Map<String, String> others = new LinkedHashMap<>();
    parameters.forEach((name, value) -> {
      if (!DEFINED.contains(name)) {
        others.put(name, value.orElse(""));
      }
    });
    return new RegisterRequest(endpoint, lifetime, version, binding.letters(), queue, sms, links, others);
  }

  /**
   * An Update of registration {@code registrationId}, whose client speaks {@code version}.
   *
   * @param from where the Update came from (the new downlink address)
   * @param at when it arrived
   */
  public static RegistrationUpdate parseUpdate(String registrationId, InetSocketAddress from, Instant at,
      Version version, List<String> query, byte[] payload) {
    Map<String, Optional<String>> parameters = parameters(query);
    OptionalLong lifetime = value(parameters, "lt").map(lt -> OptionalLong.of(lifetime(lt))).orElse(OptionalLong.empty());
    Optional<String> binding = value(parameters, "b").map(b -> Binding.parse(b, version).letters());
    Optional<String> sms = value(parameters, "sms").map(RegistrationRequestParser::msisdn);
    String links = text(payload);
    if (!links.isEmpty()) {
      links = ObjectLinks.parseShared(links).text();
    }
    return new RegistrationUpdate(registrationId, from, at, lifetime, binding, sms,
        links.isEmpty() ? Optional.empty() : Optional.of(links));
  }

  private static Map<String, Optional<String>> parameters(List<String> query) {
    Map<String, Optional<String>> parameters = new LinkedHashMap<>();
    for (String option : query) {
      int equals = option.indexOf('=');
      String name = equals < 0 ? option : option.substring(0, equals);
      if (name.isEmpty()) {
        throw new InvalidRequestException("query parameter '" + CodecException.excerpt(option) + "' has no name");
      }
      Optional<String> value = equals < 0 ? Optional.empty() : Optional.of(option.substring(equals + 1));
      if (parameters.put(name, value) != null) {
        throw new InvalidRequestException("query parameter " + name + " is given twice");
      }
    }
    return parameters;
  }

  private static Optional<String> value(Map<String, Optional<String>> parameters, String name) {
    Optional<String> value = parameters.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isEmpty()) {
      throw new InvalidRequestException("query parameter " + name + " needs a value (" + name + "=…)");
    }
    return value;
  }

  private static boolean flag(Map<String, Optional<String>> parameters, String name) {
    Optional<String> value = parameters.get(name);
    if (value != null && value.isPresent()) {
      throw new InvalidRequestException("query parameter " + name + " takes no value");
    }
    return value != null;
  }

  private static long lifetime(String text) {
    if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidRequestException("lt=" + CodecException.excerpt(text) + " is not a lifetime in seconds (1.." + MAX_LIFETIME + ")");
    }
    long lifetime = Long.parseLong(text);
    if (lifetime < MIN_LIFETIME) {
      throw new InvalidRequestException("lt=" + text + " is not a lifetime in seconds (1.." + MAX_LIFETIME
          + "): a registration must expire");
    }
    if (lifetime > MAX_LIFETIME) {
      throw new InvalidRequestException("lt=" + text + " is above the largest lifetime " + MAX_LIFETIME);
    }
    return lifetime;
  }

  private static Version version(String text) {
    Version version;
    try {
      version = Version.parseExact(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("lwm2m=" + CodecException.excerpt(text) + " is not a version such as 1.1", e);
    }
    if (!SUPPORTED_VERSIONS.contains(version)) {
      throw new PreconditionFailedException("LwM2M " + version + " is not supported; this server speaks 1.0, 1.1 and 1.2");
    }
    return version;
  }

  private static String msisdn(String text) {
    if (text.isEmpty() || text.length() > 32 || text.chars().anyMatch(c -> c <= ' ' || c == ',')
        || PrintableText.firstUnprintable(text) >= 0) {
      throw new InvalidRequestException("sms=" + CodecException.excerpt(text) + " is not an MSISDN or external identifier");
    }
    return text;
  }

  private static String text(byte[] payload) {
    try {
      return payload.length == 0 ? "" : Utf8.decode(payload, 0, payload.length, 0);
    } catch (CodecException e) {
      throw new InvalidRequestException("the object list is not UTF-8 text: " + e.getMessage(), e);
    }
  }

  /** Binding letters without Q, and whether Q was among them. */
  private record Binding(String letters, boolean queueMode) {
    private static final List<String> V1_0 = List.of("U", "UQ", "S", "SQ", "US", "UQS");

    static Binding parse(String text, Version version) {
      if (version.equals(Version.V1_0)) {
        if (!V1_0.contains(text)) {
          throw new InvalidRequestException("b=" + CodecException.excerpt(text) + " is not a LwM2M 1.0 binding (" + String.join(", ", V1_0) + ")");
        }
        return new Binding(text.replace("Q", ""), text.contains("Q"));
      }
      String allowed = version.compareTo(Version.V1_2) >= 0 ? "UTSNMH" : "UTSN";
      StringBuilder letters = new StringBuilder();
      boolean queue = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == 'Q') {
          // 1.0 style from a newer client: take it as queue mode, as Anjay does.
          queue = true;
        } else if (allowed.indexOf(c) < 0 || letters.indexOf(String.valueOf(c)) >= 0) {
          throw new InvalidRequestException("b=" + CodecException.excerpt(text) + " must be distinct letters of " + allowed
              + " for LwM2M " + version);
        } else {
          letters.append(c);
        }
      }
      if (letters.length() == 0) {
        throw new InvalidRequestException("b=" + CodecException.excerpt(text) + " names no transport");
      }
      return new Binding(letters.toString(), queue);
    }
  }
}
