package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.List;
import org.lwm2m4j.app.payload.LinkJson;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkFormatParser;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * The JSON view of a registration, in {@code GET /api/v1/clients} and the registration events:
 * {@code {"endpoint":"dev1","registrationId":"…","address":"127.0.0.1:56830","lifetime":60,
 * "binding":"U","lwm2mVersion":"1.1","queueMode":false,"channel":"dtls","secure":true,"security":"PSK","identity":"dev1-id","sms":"+4912…","objectLinks":{"text":"</1/0>,…",
 * "links":[{"target":"/1/0","attributes":{}},…]},"registeredAt":"2025-…Z","lastUpdate":"2025-…Z"}}
 * ({@code sms} only when the client gave a number). {@code channel} is the transport the client is
 * reached over: {@code udp}, {@code dtls}, or {@code sms} when it registered by SMS, whose {@code
 * address} is then {@code sms:MSISDN}. {@code security} is how the client proved who it
 * is at Register: {@code none}, {@code PSK}, {@code RPK}, {@code X.509}, or {@code DTLS} when a store
 * written before modes were kept restored it; {@code identity}, only over DTLS, is the PSK identity,
 * the certificate's subject or the tail of the raw public key.
 */
final class RegistrationJson {
  private RegistrationJson() {}

  static ObjectNode of(Registration registration) {
    ObjectNode json = JsonBody.object();
    json.put("endpoint", registration.endpoint());
    json.put("registrationId", registration.id());
    json.put("address", address(registration.address()));
    json.put("lifetime", registration.lifetimeSeconds());
    json.put("binding", registration.binding());
    json.put("lwm2mVersion", registration.lwm2mVersion().toString());
    json.put("queueMode", registration.queueMode());
    json.put("channel", registration.channel().label());
    json.put("secure", registration.secure());
    json.put("security", registration.security().label());
    registration.peerIdentity().ifPresent(identity -> json.put("identity", identity));
    registration.smsNumber().ifPresent(sms -> json.put("sms", sms));
    ObjectNode links = json.putObject("objectLinks");
    links.put("text", registration.objectLinksText());
    links.set("links", JsonBody.tree(LinkJson.write(parse(registration.objectLinksText()))));
    json.put("registeredAt", registration.registeredAt().toString());
    json.put("lastUpdate", registration.lastUpdate().toString());
    return json;
  }

  private static List<Link> parse(String objectLinks) {
    try {
      return LinkFormatParser.parse(objectLinks);
    } catch (CodecException e) {
      // The registration interface checked the payload; should it not parse now, show the text only.
      return List.of();
    }
  }

  /** {@code host:port}, an IPv6 host in brackets; {@code sms:MSISDN} for an SMS address. */
  static String address(InetSocketAddress address) {
    if (SmsAddress.isSms(address)) {
      return SmsAddress.describe(address);
    }
    String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
