package org.lwm2m4j.app.simulate;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.client.security.ClientCredentials;

/**
 * What {@code lwm2m simulate} was asked to run, checked: how many devices, where they register
 * and how, what they serve and how fast they start and change.
 *
 * @param endpointPattern a {@link String#format} pattern with one {@code %d}, the device number
 * @param psk the identity prefix and key, when devices use DTLS with pre-shared keys
 * @param objects the objects every device serves besides Security and Server
 * @param notifyInterval how often each device changes its moving values; zero: never
 * @param duration how long to run after the ramp starts; empty: until interrupted
 * @param storm when every started device registers again, and over how long; empty: never
 */
record FleetPlan(int devices, URI server, String endpointPattern, long lifetimeSeconds, double rate, Optional<PskPlan> psk,
    boolean queue, List<Integer> objects, Duration notifyInterval, Optional<Duration> duration, boolean deregister,
    DeviceAddresses addresses, Optional<Storm> storm) {
  FleetPlan {
    objects = List.copyOf(objects);
  }

  /** Device {@code index}'s endpoint name. */
  String endpoint(int index) {
    return String.format(endpointPattern, index);
  }

  /** Device {@code index}'s credentials: PSK identity prefix + number, or none. */
  ClientCredentials credentials(int index) {
    return psk.<ClientCredentials>map(p -> new ClientCredentials.Psk(p.identityPrefix() + index, p.key()))
        .orElseGet(ClientCredentials.NoSec::new);
  }

  /**
   * A registration storm: {@code at} after the start, every device started by then registers again,
   * spread evenly over {@code within}, as a whole fleet does after a power cut or a network outage.
   */
  record Storm(Duration at, Duration within) { }

  /** Pre-shared keys: device {@code i} is identity {@code identityPrefix + i}, every device with the same key. */
  record PskPlan(String identityPrefix, byte[] key) {
    PskPlan {
      key = key.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }
  }
}
