package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * Whatever a PSK file or a public key holds, reading it either succeeds or fails with {@link
 * InvalidRequestException}: never another exception.
 */
class SecurityInputsPropertiesTest {

  @Property(tries = 1000)
  void anyTextParsesOrIsAnInvalidRequest(@ForAll String text) {
    assertParsesOrIsRejected(text);
  }

  @Property(tries = 1000)
  void almostValidLinesParseOrAreInvalidRequests(@ForAll("pskLikeText") String text) {
    assertParsesOrIsRejected(text);
  }

  @Property(tries = 300)
  void anyBytesDecodeAsAPublicKeyOrAreAnInvalidRequest(@ForAll byte[] der) {
    try {
      assertThat(PublicKeys.decode(der)).isNotNull();
    } catch (InvalidRequestException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void anyTextDecodesAsAPublicKeyOrIsAnInvalidRequest(@ForAll String base64) {
    try {
      assertThat(PublicKeys.decode(base64)).isNotNull();
    } catch (InvalidRequestException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> pskLikeText() {
    Arbitrary<String> field = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz #").ofMaxLength(140),
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.just(""),
        Arbitraries.just("dev1"));
    Arbitrary<String> line = Arbitraries.oneOf(
        field.list().ofMinSize(1).ofMaxSize(5).map(fields -> String.join(",", fields)),
        Arbitraries.of("#", "# comment", "", "  ", "\uFEFF"));
    return Combinators.combine(line.list().ofMaxSize(6), Arbitraries.of("\n", "\r\n", "\r"))
        .as((lines, separator) -> String.join(separator, lines));
  }

  private static void assertParsesOrIsRejected(String text) {
    try {
      List<PskSecurity> parsed = PskFile.parse(text);
      assertThat(parsed).allSatisfy(psk -> assertThat(psk.key()).isNotEmpty());
    } catch (InvalidRequestException expected) {
      assertThat(expected.getMessage()).startsWith("line ");
    }
  }
}
