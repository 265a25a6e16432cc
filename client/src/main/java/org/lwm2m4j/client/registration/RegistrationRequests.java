package org.lwm2m4j.client.registration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;

/**
 * Builds the Client Registration interface's requests — Register, Update and De-register — from
 * the object tree and what was last sent. Stateless but for the queue-mode switch; thread-safe.
 */
final class RegistrationRequests {
  /** Objects a Register must not list (Security, OSCORE). */
  private static final Set<Integer> NOT_ANNOUNCED = Set.of(0, 21);

  private final ObjectTree tree;
  private final String endpointName;
  private final Version version;
  private final List<ContentFormat> formats;
  private volatile boolean queueMode;
  private volatile Optional<String> smsNumber = Optional.empty();

  RegistrationRequests(ObjectTree tree, String endpointName, Version version, List<ContentFormat> formats) {
    this.tree = tree;
    this.endpointName = endpointName;
    this.version = version;
    this.formats = List.copyOf(formats);
  }

  void queueMode(boolean on) {
    this.queueMode = on;
  }

  boolean queueMode() {
    return queueMode;
  }

  void smsNumber(Optional<String> ownNumber) {
    this.smsNumber = ownNumber;
  }

  /** The object links the tree has now, after the root link with the content formats. */
  String links() {
    StringBuilder root = new StringBuilder("</>;rt=\"oma.lwm2m\";ct=");
    String cts = formats.stream().map(f -> Integer.toString(f.code())).collect(Collectors.joining(" "));
    root.append(formats.size() == 1 ? cts : "\"" + cts + "\"");
    List<Link> objects = tree.registrationLinks(NOT_ANNOUNCED);
    return objects.isEmpty() ? root.toString() : root + "," + LinkFormatWriter.write(objects);
  }

  CoapRequest register(ServerAccount account, String links) {
    List<String> query = new ArrayList<>(List.of("ep=" + endpointName, "lt=" + account.lifetimeSeconds(),
        "lwm2m=" + version, "b=" + binding(account)));
    // 1.0 says queue mode inside b (UQ, UQS); from 1.1 on b has transports only, and Q is a parameter of its own
    boolean queueInBinding = version.equals(Version.V1_0) && account.queueModeBinding();
    if ((queueMode || account.queueModeBinding()) && !queueInBinding) {
      query.add("Q");
    }
    sms(account).ifPresent(number -> query.add("sms=" + number));
    return CoapRequest.to(account.address(), CoapMethod.POST, List.of("rd")).withQuery(query)
        .withPayload(ContentFormat.LINK.code(), links.getBytes(StandardCharsets.UTF_8));
  }

  /** An Update to {@code location} carrying only what changed since {@code sent}. */
  CoapRequest update(ServerAccount account, List<String> location, Sent sent, String links) {
    List<String> query = new ArrayList<>();
    if (account.lifetimeSeconds() != sent.lifetime()) {
      query.add("lt=" + account.lifetimeSeconds());
    }
    if (!binding(account).equals(sent.binding())) {
      query.add("b=" + binding(account));
    }
    if (!sms(account).equals(sent.sms())) {
      sms(account).ifPresent(number -> query.add("sms=" + number));
    }
    CoapRequest request = CoapRequest.to(account.address(), CoapMethod.POST, location).withQuery(query);
    if (!links.equals(sent.links())) {
      request = request.withPayload(ContentFormat.LINK.code(), links.getBytes(StandardCharsets.UTF_8));
    }
    return request;
  }

  CoapRequest deregister(ServerAccount account, List<String> location) {
    return CoapRequest.to(account.address(), CoapMethod.DELETE, location);
  }

  /** The {@code b} parameter for {@code account}: its binding as 1.0 writes it, or only its transport letters from 1.1 on. */
  private String binding(ServerAccount account) {
    return version.equals(Version.V1_0) ? account.binding() : account.bindingLetters();
  }

  /** The {@code sms} parameter for {@code account}: the client's own number, when it has one and the binding has S. */
  private Optional<String> sms(ServerAccount account) {
    return account.binding().indexOf('S') >= 0 ? smsNumber : Optional.empty();
  }

  /**
   * What the server was last told: the object links, lifetime, binding and SMS number of the last
   * successful Register or Update.
   */
  record Sent(String links, long lifetime, String binding, Optional<String> sms) {
    static final Sent NOTHING = new Sent("", 0, "", Optional.empty());

    /** What {@code requests} sent {@code account} with {@code links}. */
    static Sent of(RegistrationRequests requests, ServerAccount account, String links) {
      return new Sent(links, account.lifetimeSeconds(), requests.binding(account), requests.sms(account));
    }

    /** Whether {@code account} and {@code links} differ from what {@code requests} sent, so an Update is due. */
    boolean differsFrom(RegistrationRequests requests, ServerAccount account, String links) {
      return !links.equals(this.links) || account.lifetimeSeconds() != lifetime || !requests.binding(account).equals(binding)
          || !requests.sms(account).equals(sms);
    }
  }
}
