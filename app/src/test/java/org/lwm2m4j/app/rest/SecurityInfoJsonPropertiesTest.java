package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.security.SecurityInfo;

/**
 * Whatever body a {@code PUT /api/v1/security/clients/{ep}} carries, and whatever the endpoint
 * name, parsing either gives a credential for that endpoint or fails with {@link
 * InvalidRequestException} (a 400), never another exception (a 500).
 */
class SecurityInfoJsonPropertiesTest {

  @Property(tries = 1000)
  void anyBytesParseOrAreAnInvalidRequest(@ForAll byte[] body) {
    assertParsesOrIsRejected("dev1", body);
  }

  @Property(tries = 1000)
  void anyTextParsesOrIsAnInvalidRequest(@ForAll String body, @ForAll String endpoint) {
    assertParsesOrIsRejected(endpoint, body.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 2000)
  void credentialLikeObjectsParseOrAreInvalidRequests(@ForAll("credentialLikeBodies") String body) {
    assertParsesOrIsRejected("dev1", body.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> credentialLikeBodies() {
    Arbitrary<String> name = Arbitraries.of("mode", "identity", "key", "publicKey", "endpoint", "other");
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("\"psk\"", "\"rpk\"", "\"x509\"", "\"dev1\"", "null", "true", "12", "[]", "{}", "\"\""),
        Arbitraries.strings().withChars("0123456789abcdefABCDEF+/=xz ").ofMaxLength(200).map(s -> "\"" + s + "\""),
        Arbitraries.strings().ofMaxLength(40).map(SecurityInfoJsonPropertiesTest::quoted));
    Arbitrary<String> field = Combinators.combine(name, value).as((n, v) -> "\"" + n + "\":" + v);
    return field.list().ofMaxSize(5).map(fields -> "{" + String.join(",", fields) + "}");
  }

  private static String quoted(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private static void assertParsesOrIsRejected(String endpoint, byte[] body) {
    try {
      SecurityInfo info = SecurityInfoJson.parse(endpoint, body);
      assertThat(info.endpoint()).isEqualTo(endpoint);
      assertThat(SecurityInfoJson.of(info).has("key")).isFalse();
    } catch (InvalidRequestException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
