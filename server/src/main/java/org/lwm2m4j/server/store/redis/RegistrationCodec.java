package org.lwm2m4j.server.store.redis;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.registration.ObjectLinks;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.SecurityMode;

/**
 * A registration as the fields of its hash: {@code i} the registration id, {@code o} the owner
 * node, {@code a} the address ({@code host port}), {@code x} when it expires in epoch milliseconds
 * with the grace period ({@code 0}: never), and {@code d} the rest, tab-separated, the object links
 * last. Five short fields keep the hash in Redis' compact listpack encoding.
 */
final class RegistrationCodec {
  static final String ID = "i";
  static final String OWNER = "o";
  static final String ADDRESS = "a";
  static final String DATA = "d";
  static final String EXPIRES = "x";

  private RegistrationCodec() {}

  static String address(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + " " + address.getPort();
  }

  static String data(Registration r) {
    return r.lifetimeSeconds() + "\t" + r.lwm2mVersion() + "\t" + r.binding() + "\t" + (r.queueMode() ? "1" : "0") + "\t"
        + r.security().name() + "\t" + optional(r.peerIdentity()) + "\t" + optional(r.smsNumber()) + "\t"
        + r.registeredAt().toEpochMilli() + "\t" + r.lastUpdate().toEpochMilli() + "\t" + r.objectLinksText();
  }

  /** When {@code r} expires with {@code graceMillis}, {@code 0} for never. */
  static long expires(Registration r, long graceMillis) {
    return r.expiresAtMillis().isPresent() ? r.expiresAtMillis().getAsLong() + graceMillis : 0;
  }

  /** The registration of {@code fields} (an {@code HGETALL}); empty when the hash is empty. */
  static Optional<Registration> decode(String endpoint, Map<String, String> fields) {
    if (fields.get(ID) == null || fields.get(DATA) == null || fields.get(ADDRESS) == null) {
      return Optional.empty();
    }
    return Optional.of(decode(endpoint, fields.get(ID), parseAddress(endpoint, fields.get(ADDRESS)), fields.get(DATA)));
  }

  /** {@code r} reached at {@code address} instead, all else unchanged. */
  static Registration withAddress(Registration r, InetSocketAddress address) {
    return decode(r.endpoint(), r.id(), address, data(r));
  }

  static InetSocketAddress parseAddress(String endpoint, String text) {
    int space = text.lastIndexOf(' ');
    try {
      // a literal address: no name look-up happens
      return new InetSocketAddress(InetAddress.getByName(text.substring(0, space)), Integer.parseInt(text.substring(space + 1)));
    } catch (UnknownHostException | RuntimeException e) {
      throw new IllegalStateException("the registration of '" + endpoint + "' in Redis has an invalid address '" + text + "'", e);
    }
  }

  private static Registration decode(String endpoint, String id, InetSocketAddress address, String data) {
    String[] d = data.split("\t", 10);
    if (d.length != 10) {
      throw new IllegalStateException("the registration of '" + endpoint + "' in Redis has " + d.length + " data fields, not 10");
    }
    boolean secure = !d[4].equals(SecurityMode.NONE.name());
    return Registration.builder(id, endpoint, address)
        .lifetimeSeconds(Long.parseLong(d[0]))
        .lwm2mVersion(Version.parse(d[1]))
        .binding(d[2])
        .queueMode(d[3].equals("1"))
        .security(SecurityMode.parse(d[4], secure), parseOptional(d[5]))
        .smsNumber(parseOptional(d[6]).orElse(null))
        .registeredAt(Instant.ofEpochMilli(Long.parseLong(d[7])))
        .lastUpdate(Instant.ofEpochMilli(Long.parseLong(d[8])))
        .objectLinks(sharedText(d[9]))
        .build();
  }

  /** Absent is the empty text, present has an {@code =} in front (an identity may be empty). */
  static String optional(Optional<String> value) {
    return value.map(v -> "=" + v).orElse("");
  }

  static Optional<String> parseOptional(String text) {
    return text.startsWith("=") ? Optional.of(text.substring(1)) : Optional.empty();
  }

  /** The link text every registration with the same list shares (see the SQLite store's). */
  private static String sharedText(String links) {
    try {
      return ObjectLinks.parseShared(links).text();
    } catch (InvalidRequestException e) {
      return links;
    }
  }
}
