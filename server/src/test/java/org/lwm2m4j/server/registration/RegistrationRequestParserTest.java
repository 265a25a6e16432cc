package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ConflictException;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.PreconditionFailedException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;

class RegistrationRequestParserTest {
  private static final byte[] LINKS = bytes("</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>,</5>,</3303>;ver=1.1,</3303/0>");

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> query(String query) {
    return query.isEmpty() ? List.of() : List.of(query.split("&"));
  }

  @Test
  void readsEveryRegisterParameter() {
    RegisterRequest request = RegistrationRequestParser.parseRegister(
        query("ep=urn:dev:1&lt=300&lwm2m=1.1&b=UT&Q&sms=33612345678&x-vendor=7"), LINKS);
    assertThat(request.endpoint()).contains("urn:dev:1");
    assertThat(request.lifetimeSeconds()).isEqualTo(300);
    assertThat(request.lwm2mVersion()).isEqualTo(Version.V1_1);
    assertThat(request.binding()).isEqualTo("UT");
    assertThat(request.queueMode()).isTrue();
    assertThat(request.smsNumber()).contains("33612345678");
    assertThat(request.otherParameters()).containsEntry("x-vendor", "7");
  }

  @Test
  void appliesTheLwM2M10DefaultsAndQueueInsideTheBinding() {
    RegisterRequest request = RegistrationRequestParser.parseRegister(query("ep=dev1&b=UQ"), bytes("</1/0>,</3/0>"));
    assertThat(request.lifetimeSeconds()).isEqualTo(86_400);
    assertThat(request.lwm2mVersion()).isEqualTo(Version.V1_0);
    assertThat(request.binding()).isEqualTo("U");
    assertThat(request.queueMode()).isTrue();
  }

  @ParameterizedTest(name = "lwm2m={0} b={1}{2} -> {3} queue={4}")
  @CsvSource(delimiter = '|', value = {
    "1.0 | U   |    | U  | false",
    "1.0 | UQ  |    | U  | true",
    "1.0 | S   |    | S  | false",
    "1.0 | SQ  |    | S  | true",
    "1.0 | US  |    | US | false",
    "1.0 | UQS |    | US | true",
    "1.1 | US  | &Q | US | true",
    "1.1 | S   | &Q | S  | true",
    "1.1 | S   |    | S  | false",
    "1.1 | UQS |    | US | true",
    "1.1 | SQ  |    | S  | true",
    "1.1 | UN  | &Q | UN | true",
    "1.2 | US  | &Q | US | true",
  })
  void acceptsTheSmsBindingsOfEveryVersion(String version, String binding, String queueFlag, String letters, boolean queue) {
    String flag = queueFlag == null ? "" : queueFlag;
    RegisterRequest request = RegistrationRequestParser.parseRegister(
        query("ep=dev1&lwm2m=" + version + "&b=" + binding + flag + "&sms=33612345678"), bytes("</1/0>,</3/0>"));
    assertThat(request.binding()).isEqualTo(letters);
    assertThat(request.queueMode()).isEqualTo(queue);
    assertThat(request.smsNumber()).contains("33612345678");
    RegistrationUpdate update = RegistrationRequestParser.parseUpdate("r1", new InetSocketAddress("127.0.0.1", 5683),
        Instant.EPOCH, Version.parseExact(version), query("b=" + binding), new byte[0]);
    assertThat(update.binding()).contains(letters);
  }

  @Test
  void endpointMayBeLeftForTheSecurityLayerToDerive() {
    assertThat(RegistrationRequestParser.parseRegister(query("lwm2m=1.1&lt=60"), LINKS).endpoint()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "lifetime not a number   | ep=d&lt=abc          | 4.00 | not a lifetime",
    "lifetime too large      | ep=d&lt=99999999999  | 4.00 | not a lifetime",
    "repeated parameter      | ep=d&ep=e            | 4.00 | given twice",
    "empty endpoint          | ep=                  | 4.00 | must not be empty",
    "Q with a value          | ep=d&lwm2m=1.1&Q=1   | 4.00 | takes no value",
    "lt without value        | ep=d&lt              | 4.00 | needs a value",
    "bad 1.0 binding         | ep=d&b=T             | 4.00 | not a LwM2M 1.0 binding",
    "repeated 1.1 letter     | ep=d&lwm2m=1.1&b=UU  | 4.00 | distinct letters",
    "1.2 letter in 1.1       | ep=d&lwm2m=1.1&b=UM  | 4.00 | distinct letters",
    "malformed version       | ep=d&lwm2m=x         | 4.00 | not a version",
    "unsupported major       | ep=d&lwm2m=2.0       | 4.12 | not supported",
    "bad sms                 | ep=d&sms=1 2         | 4.00 | not an MSISDN",
    "sms with a control      | ep=d&sms=123\u007F  | 4.00 | not an MSISDN",
    "lifetime zero           | ep=d&lt=0            | 4.00 | not a lifetime",
    "lifetime 2^32           | ep=d&lt=4294967296   | 4.00 | above the largest lifetime",
    "version without minor   | ep=d&lwm2m=1         | 4.00 | not a version",
    "version leading zero    | ep=d&lwm2m=01.1      | 4.00 | not a version",
    "minor leading zero      | ep=d&lwm2m=1.01      | 4.00 | not a version",
    "version with patch      | ep=d&lwm2m=1.1.1     | 4.00 | not a version",
    "version with blank      | 'ep=d&lwm2m=1.1 '    | 4.00 | not a version",
    "version ends in dot     | ep=d&lwm2m=1.        | 4.00 | not a version",
    "newer minor             | ep=d&lwm2m=1.3       | 4.12 | not supported",
    "two-digit minor         | ep=d&lwm2m=1.10      | 4.12 | not supported",
    "older major             | ep=d&lwm2m=0.9       | 4.12 | not supported",
  })
  void badParametersGetTheSpecCode(String what, String query, String code, String message) {
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query(query), LINKS))
        .as(what).isInstanceOf(LwM2mException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((LwM2mException) e).code().toString()).isEqualTo(code));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "CR LF forging a log line | dev1\\r\\nERROR forged",
    "NUL                      | dev\\u00001",
    "DEL                      | dev\\u007F1",
    "C1 control NEL           | dev\\u00851",
    "ESC of a terminal escape | dev\\u001B[31m1",
    "replacement character    | dev\\uFFFD1",
    "unpaired surrogate       | dev\\uD8001",
    "line separator           | dev\\u20281",
    "bidi override            | dev\\u202E1",
  })
  void endpointNamesOutsidePrintableUtf8Get400(String what, String escaped) {
    String endpoint = unescape(escaped);
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(List.of("ep=" + endpoint, "lt=60"), LINKS))
        .as(what).isInstanceOf(InvalidRequestException.class).hasMessageContaining("endpoint name")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(endpoint).doesNotContainPattern("[\\r\\n]"));
  }

  @Test
  void endpointNamesAreAtMost256BytesOfUtf8() {
    String longest = "\u00e9".repeat(128);
    assertThat(RegistrationRequestParser.parseRegister(List.of("ep=" + longest), LINKS).endpoint()).contains(longest);
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(List.of("ep=" + longest + "x"), LINKS))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("257 bytes");
  }

  @Test
  void printableEndpointNamesInAnyScriptAreAccepted() {
    for (String endpoint : List.of("urn:imei:490154203237518", "urn:dev:ops:32473-Refrigerator-5002", "dev 1", "\u6e29\u5ea6\u8a08",
        "capteur-\u00e9t\u00e9", "\ud83d\ude00")) {
      assertThat(RegistrationRequestParser.parseRegister(List.of("ep=" + endpoint), LINKS).endpoint()).contains(endpoint);
    }
  }

  @Test
  void lifetimeRangeIsOneSecondTo2Pow32Minus1() {
    assertThat(RegistrationRequestParser.parseRegister(query("ep=d&lt=1"), LINKS).lifetimeSeconds()).isEqualTo(1);
    assertThat(RegistrationRequestParser.parseRegister(query("ep=d&lt=4294967295"), LINKS).lifetimeSeconds())
        .isEqualTo(4_294_967_295L);
  }

  @Test
  void everyVersionThisServerSpeaksIsAccepted() {
    assertThat(RegistrationRequestParser.parseRegister(query("ep=d&lwm2m=1.0"), LINKS).lwm2mVersion()).isEqualTo(Version.V1_0);
    assertThat(RegistrationRequestParser.parseRegister(query("ep=d&lwm2m=1.1"), LINKS).lwm2mVersion()).isEqualTo(Version.V1_1);
    assertThat(RegistrationRequestParser.parseRegister(query("ep=d&lwm2m=1.2"), LINKS).lwm2mVersion()).isEqualTo(Version.V1_2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "Leshan 1.0 JSON root    | 1.0 | </>;rt=\"oma.lwm2m\";ct=11543,</1/0>,</3/0>",
    "Leshan 1.1 list         | 1.1 | </>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>",
    "Leshan 1.2 list         | 1.2 | </>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1>;ver=1.1,</1/0>,</3/0>,</3303>;ver=1.1",
    "Wakaama                 | 1.1 | </>;rt=\"oma.lwm2m\";ct=110,</1/0>,</2/0>,</3/0>,</4/0>,</5/0>",
    "Anjay alternate root    | 1.1 | </lwm2m>;rt=\"oma.lwm2m\";ct=\"110 112\",</lwm2m/1/0>,</lwm2m/3/0>",
    "spec 1.0 example        | 1.0 | </1/0>,</1/1>,</2/0>,</2/1>,</3/0>,</4/0>,</5>",
    "quoted ver              | 1.1 | </1/0>,</3>;ver=\"1.1\",</3/0>",
    "unknown parameter       | 1.1 | </1/0>,</3/0>;x-vendor=\"a=b\";title=abc",
  })
  void registrationsAsDeployedClientsSendThemAreAccepted(String who, String version, String links) {
    RegisterRequest request = RegistrationRequestParser.parseRegister(query("ep=d&lt=300&lwm2m=" + version), bytes(links));
    assertThat(request.objectLinks()).as(who).isEqualTo(links);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "ct not a number on root  | </>;rt=\"oma.lwm2m\";ct=abc,</1/0>                | ct",
    "ct not a number          | </1/0>;ct=abc,</3/0>                              | ct",
    "ct list with a word      | </>;rt=\"oma.lwm2m\";ct=\"60 abc\",</1/0>           | ct",
    "ct with a sign           | </>;ct=+60,</1/0>                                 | ct",
    "ct negative              | </>;ct=-1,</1/0>                                  | ct",
    "ct above 65535           | </>;ct=65536,</1/0>                               | ct",
    "ct without value         | </>;ct,</1/0>                                     | ct",
    "ct empty quoted          | </>;ct=\"\",</1/0>                                  | ct",
    "ver without minor        | </1/0>,</3>;ver=1                                 | ver",
    "ver with patch           | </1/0>,</3>;ver=1.1.1                             | ver",
    "ver not a version        | </1/0>,</3>;ver=x                                 | ver",
    "ver without value        | </1/0>,</3>;ver                                   | ver",
    "token holding =          | </1/0>;a=a=a                                      | link format",
  })
  void malformedLinkAttributesGet400(String what, String links, String message) {
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query("ep=d&lwm2m=1.1"), bytes(links)))
        .as(what).isInstanceOf(InvalidRequestException.class).hasMessageContaining(message);
  }

  @Test
  void updateChecksLifetimeBindingSmsAndLinksAsRegisterDoes() {
    InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40000);
    Instant at = Instant.parse("2026-11-24T12:00:00Z");
    for (String bad : List.of("lt=0", "lt=-1", "lt=4294967296", "lt=1.5", "b=X", "b=UU", "sms=", "sms=1\u00852")) {
      assertThatThrownBy(() -> RegistrationRequestParser.parseUpdate("r1", from, at, Version.V1_1, List.of(bad), new byte[0]))
          .as(bad).isInstanceOf(InvalidRequestException.class);
    }
    for (String badLinks : List.of("</1/0>;ct=abc", "</3>;ver=1.1.1", "</1/0>;a=a=a")) {
      assertThatThrownBy(() -> RegistrationRequestParser.parseUpdate("r1", from, at, Version.V1_1, List.of(), bytes(badLinks)))
          .as(badLinks).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(RegistrationRequestParser.parseUpdate("r1", from, at, Version.V1_1, List.of("lt=1"), new byte[0])
        .lifetimeSeconds()).hasValue(1);
  }

  /** Turns the {@code \\r}, {@code \\n} and {@code \\uXXXX} escapes of a test row into characters. */
  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\') {
        out.append(c);
      } else if (escaped.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(escaped.charAt(i + 1) == 'r' ? '\r' : '\n');
        i++;
      }
    }
    return out.toString();
  }

  @Test
  void payloadProblemsAre400AndAProfileIdWithoutListIs409() {
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query("ep=d"), new byte[0]))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("object list");
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query("ep=d&lwm2m=1.2&pid=oma:abc"), new byte[0]))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query("ep=d"), bytes("</1/0/1>")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("object or an object instance");
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query("ep=d"), bytes("</1/0")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("link format");
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query("ep=d"), new byte[] {'<', (byte) 0xC3, '>'}))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("UTF-8");
    assertThat(new PreconditionFailedException("x").code()).isEqualTo(ResponseCode.PRECONDITION_FAILED);
  }

  @Test
  void updateCarriesOnlyWhatChanged() {
    InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40000);
    Instant at = Instant.parse("2026-11-24T12:00:00Z");
    RegistrationUpdate empty = RegistrationRequestParser.parseUpdate("r1", from, at, Version.V1_1, List.of(), new byte[0]);
    assertThat(empty).isEqualTo(RegistrationUpdate.renew("r1", from, at));
    RegistrationUpdate update = RegistrationRequestParser.parseUpdate("r1", from, at, Version.V1_1,
        query("lt=600&b=U"), bytes("</1/0>,</3/0>,</3303/1>"));
    assertThat(update.lifetimeSeconds()).hasValue(600);
    assertThat(update.binding()).contains("U");
    assertThat(update.objectLinks()).contains("</1/0>,</3/0>,</3303/1>");
    assertThatThrownBy(() -> RegistrationRequestParser.parseUpdate("r1", from, at, Version.V1_0, query("b=UT"), new byte[0]))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void objectLinksExposeRootFormatsVersionsAndInstances() {
    ObjectLinks links = ObjectLinks.parse(new String(LINKS, StandardCharsets.UTF_8));
    assertThat(links.rootPath()).isEqualTo("/");
    assertThat(links.contentFormats()).containsExactly(ContentFormat.CBOR, ContentFormat.SENML_JSON,
        ContentFormat.SENML_CBOR, ContentFormat.TLV, ContentFormat.JSON);
    assertThat(links.objects()).containsExactly(1, 3, 5, 3303);
    assertThat(links.objectVersions()).containsEntry(3303, Version.V1_1).doesNotContainKey(3);
    assertThat(links.instances()).containsExactly(LwM2mPath.of(1, 0), LwM2mPath.of(3, 0), LwM2mPath.of(3303, 0));
  }

  @Test
  void objectLinksUnderAnAlternatePathAndWithoutSecurityObjects() {
    ObjectLinks links = ObjectLinks.parse("</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0/>,</lwm2m/0/0>, </lwm2m/21/0>");
    assertThat(links.rootPath()).isEqualTo("/lwm2m");
    assertThat(links.instances()).containsExactly(LwM2mPath.of(1, 0), LwM2mPath.of(3, 0));
    assertThatThrownBy(() -> ObjectLinks.parse("</lwm2m>;rt=\"oma.lwm2m\",</1/0>"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not under the LwM2M root");
    assertThat(ObjectLinks.parse("</1>;ver=1.0,</1/0>,</1/1>,</3/0>").objectVersions()).containsEntry(1, Version.V1_0);
  }

  @Test
  void registersWithTheSameObjectListShareOneParseAndOneText() {
    // a fleet's devices send the same list: each Register must not parse it again nor keep its own copy
    RegisterRequest first = RegistrationRequestParser.parseRegister(query("ep=shared1"), bytes("</1/0>,</3/0>,</3303/7>"));
    RegisterRequest second = RegistrationRequestParser.parseRegister(query("ep=shared2"), bytes("</1/0>,</3/0>,</3303/7>"));

    assertThat(second.objectLinks()).isSameAs(first.objectLinks());
    assertThat(ObjectLinks.parseShared(second.objectLinks())).isSameAs(ObjectLinks.parseShared(first.objectLinks()));
  }

  @Test
  void aBrokenObjectListIsRefusedEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query("ep=broken"), bytes("</1/0>,<3/0")))
          .isInstanceOf(InvalidRequestException.class);
    }
  }
}
