package org.lwm2m4j.server.downlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.server.downlink.RoutedMessages.Kind;
import org.lwm2m4j.server.downlink.RoutedMessages.RoutedAnswer;
import org.lwm2m4j.server.downlink.RoutedMessages.RoutedRequest;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsAddress;

/** What a routed request and its answers carry between nodes comes out as it went in. */
class RoutedMessagesTest {
  @Test
  void anObserveRequestKeepsItsOptionsPayloadTokenAndPeer() {
    CoapRequest request = CoapRequest.to(new InetSocketAddress("127.0.0.1", 40123), CoapMethod.FETCH, List.of())
        .withQuery(List.of("pmin=5", "pmax=60")).withAccept(112).withPayload(112, new byte[] {1, 2, 3})
        .withObserve(0, new byte[] {9, 8, 7, 6});

    RoutedRequest decoded = RoutedMessages.decodeRequest(RoutedMessages.encode(
        new RoutedRequest(42, "reg-1", Duration.ofSeconds(30), true, request)));

    assertThat(decoded.id()).isEqualTo(42);
    assertThat(decoded.registrationId()).isEqualTo("reg-1");
    assertThat(decoded.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(decoded.observe()).isTrue();
    CoapRequest sent = decoded.request();
    assertThat(sent.method()).isEqualTo(CoapMethod.FETCH);
    assertThat(sent.query()).containsExactly("pmin=5", "pmax=60");
    assertThat(sent.accept()).isEqualTo(OptionalInt.of(112));
    assertThat(sent.contentFormat()).isEqualTo(OptionalInt.of(112));
    assertThat(sent.payload()).containsExactly(1, 2, 3);
    assertThat(sent.token()).containsExactly(9, 8, 7, 6);
    assertThat(sent.observe()).isEqualTo(OptionalInt.of(0));
    assertThat(sent.peer()).isEqualTo(new InetSocketAddress("127.0.0.1", 40123));
  }

  @Test
  void aRequestToAnSmsPeerKeepsItsAddress() {
    InetSocketAddress msisdn = SmsAddress.of("491701234567");
    CoapRequest request = CoapRequest.to(msisdn, CoapMethod.POST, List.of("1", "0", "8"));

    CoapRequest sent = RoutedMessages.decodeRequest(RoutedMessages.encode(
        new RoutedRequest(1, "reg-2", Duration.ofSeconds(5), false, request))).request();

    assertThat(sent.peer()).isEqualTo(msisdn);
    assertThat(sent.path()).containsExactly("1", "0", "8");
  }

  @Test
  void aNotificationKeepsItsCodeFormatPayloadAndObserveNumber() {
    CoapResponse notification = new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(),
        "85".getBytes(StandardCharsets.UTF_8)).withObserve(7);

    RoutedAnswer decoded = RoutedMessages.decodeAnswer(RoutedMessages.encode(RoutedAnswer.notification(3, notification)));

    assertThat(decoded.kind()).isEqualTo(Kind.NOTIFICATION);
    CoapResponse passed = decoded.response().orElseThrow();
    assertThat(passed.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(passed.contentFormat()).isEqualTo(OptionalInt.of(0));
    assertThat(passed.observe()).isEqualTo(OptionalInt.of(7));
    assertThat(new String(passed.payload(), StandardCharsets.UTF_8)).isEqualTo("85");
  }

  @Test
  void aFailureKeepsItsKindCodeAndMessage() {
    RoutedAnswer decoded = RoutedMessages.decodeAnswer(RoutedMessages.encode(
        RoutedAnswer.failure(4, Kind.ERROR, ResponseCode.NOT_FOUND, "/3/0/1 is not there")));

    assertThat(decoded.kind()).isEqualTo(Kind.ERROR);
    assertThat(decoded.failureCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(decoded.failureMessage()).isEqualTo("/3/0/1 is not there");
  }

  @Test
  void aTruncatedMessageIsRefusedWithAMessage() {
    byte[] whole = RoutedMessages.encode(RoutedAnswer.failure(4, Kind.IO, ResponseCode.INTERNAL_SERVER_ERROR, "x"));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);

    assertThatThrownBy(() -> RoutedMessages.decodeAnswer(cut)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed routed message");
  }
}
