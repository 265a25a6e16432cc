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
  })
  void badParametersGetTheSpecCode(String what, String query, String code, String message) {
    assertThatThrownBy(() -> RegistrationRequestParser.parseRegister(query(query), LINKS))
        .as(what).isInstanceOf(LwM2mException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((LwM2mException) e).code().toString()).isEqualTo(code));
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
}
