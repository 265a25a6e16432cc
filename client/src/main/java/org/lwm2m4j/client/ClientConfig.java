package org.lwm2m4j.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.client.bootstrap.BootstrapListener;
import org.lwm2m4j.client.object.InstanceEnabler;
import org.lwm2m4j.client.object.InstanceFactory;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.client.security.SmsTransport;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * Everything a {@link LwM2mClient.Builder} collected, as one value for {@link ClientAssembly}: the
 * builder checks each setting as it is given (a server's, here in {@link ServerConfig}), the
 * assembly wires the parts from this.
 */
record ClientConfig(String endpointName, ObjectModelRegistry models, InetSocketAddress localAddress, List<ServerConfig> servers,
    List<ObjectConfig> objects, Version version, RegistrationSettings registrationSettings, CoapSettings coapSettings,
    CoapEndpointFactory transport, Optional<Scheduler> scheduler, Optional<Clock> clock, List<RegistrationListener> listeners,
    List<BootstrapListener> bootstrapListeners, Optional<BootstrapServerConfig> bootstrapServer, Provisioning provisioning,
    BootstrapTimeouts bootstrapTimeouts, boolean queueMode, Optional<SmsTransport> sms) {

  ClientConfig {
    servers = List.copyOf(servers);
    objects = List.copyOf(objects);
    listeners = List.copyOf(listeners);
    bootstrapListeners = List.copyOf(bootstrapListeners);
  }

  /**
   * A DM server given to the builder, checked: it becomes a Security and a Server instance; {@code
   * smsNumber} (from an {@code sms://} URI when not given) goes to {@code /0/x/9} with SMS Security
   * Mode NoSec in {@code /0/x/6}.
   */
  record ServerConfig(URI uri, int shortServerId, long lifetimeSeconds, String binding, ClientCredentials credentials,
      Optional<String> smsNumber) {
    ServerConfig {
      if (shortServerId < 1 || shortServerId > 65534) {
        throw new IllegalArgumentException("the Short Server ID must be 1..65534, got " + shortServerId);
      }
      Objects.requireNonNull(binding, "binding");
      if (binding.isEmpty() || !binding.chars().allMatch(c -> c == 'U' || c == 'S' || c == 'Q')
          || binding.chars().distinct().count() != binding.length() || binding.equals("Q")) {
        throw new IllegalArgumentException("the binding is made of distinct letters U, S (and Q, queue mode), such as U, UQS or S; got '"
            + binding + "'");
      }
      boolean sms = "sms".equals(uri.getScheme());
      smsNumber = smsNumber.map(SmsAddress::normalize).or(() -> sms ? Optional.of(smsNumberOf(uri)) : Optional.empty());
      if (binding.contains("S") && smsNumber.isEmpty()) {
        throw new IllegalArgumentException("binding " + binding + " has S: give the server's SMS number (/0/x/9)");
      }
      boolean secure = !(credentials instanceof ClientCredentials.NoSec);
      if (sms) {
        if (!binding.replace("Q", "").equals("S") || secure) {
          throw new IllegalArgumentException("an sms:// server has binding S or SQ and no DTLS credentials, got binding " + binding);
        }
      } else if (uri.getHost() == null || !(secure ? "coaps" : "coap").equals(uri.getScheme())) {
        throw new IllegalArgumentException(secure ? "a server with credentials has a coaps://HOST:PORT URI, got " + uri
            : "the server URI must look like coap://HOST:PORT (coaps:// needs credentials), got " + uri);
      }
    }

    private static String smsNumberOf(URI uri) {
      if (uri.getAuthority() == null) {
        throw new IllegalArgumentException("an SMS server URI is sms://MSISDN, such as sms://33612345678; got " + uri);
      }
      return SmsAddress.normalize(uri.getAuthority());
    }
  }

  /** An object given to the builder, with its initial instances. */
  record ObjectConfig(int objectId, InstanceFactory factory, List<InstanceEnabler> instances) {}

  /** The Bootstrap-Server account given to the builder. */
  record BootstrapServerConfig(URI uri, ClientCredentials credentials) {}

  /**
   * Where the accounts come from before the first Register: the smartcard when {@code smartcard}
   * (in {@code smartcardReader}, or the first reader with a card), else a saved state, else a
   * factory configuration file.
   */
  record Provisioning(boolean smartcard, Optional<String> smartcardReader, Optional<Path> stateDir, Optional<Path> factoryConfig) {}

  /** How long a bootstrap session may wait for Bootstrap-Finish, and the wait before asking again after a failure. */
  record BootstrapTimeouts(Duration finish, Duration retry) {}
}
