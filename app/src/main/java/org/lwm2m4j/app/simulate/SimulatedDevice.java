package org.lwm2m4j.app.simulate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.standard.ConnectivityMonitoringInstance;
import org.lwm2m4j.client.object.standard.DeviceInfo;
import org.lwm2m4j.client.object.standard.DeviceInstance;
import org.lwm2m4j.client.object.standard.LocationInstance;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;

/**
 * One simulated device: a real {@link LwM2mClient} on the fleet's scheduler, serving Device (3),
 * Connectivity Monitoring (4), Location (6) and Temperature (3303) as asked, whose battery level,
 * signal strength, position and temperature {@link #move} when the fleet says so; observers of
 * them are notified by the client as for any device.
 */
final class SimulatedDevice {
  /** Where a device is in its registration, as the progress line counts them. */
  enum State {
    REGISTERING, REGISTERED, UPDATING, FAILING, DEREGISTERED;

    /** Registered with the server: idle, or with an Update on the wire. */
    boolean isRegistered() {
      return this == REGISTERED || this == UPDATING;
    }
  }

  private static final int TEMPERATURE = 3303;
  private static final int SENSOR_VALUE = 5700;
  private static final int SENSOR_UNITS = 5701;

  private final LwM2mClient client;
  private final Optional<DeviceInstance> device;
  private final Optional<ConnectivityMonitoringInstance> radio;
  private final Optional<LocationInstance> location;
  private final Optional<StoredInstance> temperature;
  private final Events events;
  /** Written only by {@link #move}, which the fleet calls for one device from one task at a time. */
  private int battery;
  private double latitude;
  private double longitude;
  private double celsius;

  private SimulatedDevice(LwM2mClient client, Optional<DeviceInstance> device, Optional<ConnectivityMonitoringInstance> radio,
      Optional<LocationInstance> location, Optional<StoredInstance> temperature, Events events, SplittableRandom random) {
    this.client = client;
    this.device = device;
    this.radio = radio;
    this.location = location;
    this.temperature = temperature;
    this.events = events;
    this.battery = 50 + random.nextInt(51);
    this.latitude = 48.8 + random.nextDouble() / 10;
    this.longitude = 2.3 + random.nextDouble() / 10;
    this.celsius = 18 + random.nextDouble() * 6;
  }

  /**
   * Starts device {@code index} of {@code plan}: binds its endpoint at its own address through
   * {@code transport} (its DTLS endpoint, if any, with {@code coapSettings}) and sends its Register.
   *
   * @throws IOException if its address cannot be bound
   */
  static SimulatedDevice start(int index, FleetPlan plan, InetSocketAddress address, CoapEndpointFactory transport,
      CoapSettings coapSettings, Scheduler scheduler, FleetCounters counters) throws IOException {
    String endpoint = plan.endpoint(index);
    SplittableRandom random = new SplittableRandom(index);
    Optional<DeviceInstance> device = Optional.empty();
    Optional<ConnectivityMonitoringInstance> radio = Optional.empty();
    Optional<LocationInstance> location = Optional.empty();
    Optional<StoredInstance> temperature = Optional.empty();
    Events events = new Events(counters, scheduler);
    LwM2mClient.Builder builder = LwM2mClient.builder(endpoint)
        .scheduler(scheduler)
        .coapSettings(coapSettings)
        // the inbound requests and notifications of the plain endpoint, counted for the fleet (a DTLS endpoint is not counted)
        .transport((local, handler) -> transport.bind(local, counters.counting(handler)))
        .localAddress(address)
        .queueMode(plan.queue())
        .server(plan.server(), 1, plan.lifetimeSeconds(), plan.credentials(index))
        .registrationListener(events);
    for (int objectId : plan.objects()) {
      switch (objectId) {
        case 3 -> {
          // reboot and factory reset are answered and then do nothing: a simulated device has nothing to restart
          device = Optional.of(new DeviceInstance(new DeviceInfo("lwm2m4j", "lwm2m4j-simulated", endpoint, "0.1.0", "simulated",
              "1.0", "0.1.0"), () -> { }, () -> { }, scheduler));
          builder.object(3, StoredInstance::new, List.of(device.get()));
        }
        case 4 -> {
          radio = Optional.of(new ConnectivityMonitoringInstance());
          builder.object(4, List.of(radio.get()));
        }
        case 6 -> {
          location = Optional.of(new LocationInstance(48.8584, 2.2945, scheduler.clock()));
          builder.object(6, List.of(location.get()));
        }
        case TEMPERATURE -> {
          temperature = Optional.of(new StoredInstance(0, List.of(SingleResource.of(SENSOR_VALUE, Value.ofFloat(20.0)),
              SingleResource.of(SENSOR_UNITS, Value.of("Cel")))));
          builder.object(TEMPERATURE, List.of(temperature.get()));
        }
        default -> builder.object(objectId, List.of());
      }
    }
    SimulatedDevice simulated = new SimulatedDevice(builder.start(), device, radio, location, temperature, events, random);
    simulated.move(random);
    return simulated;
  }

  /** Changes every moving value a little: battery drains, signal and temperature wander, the device walks. */
  void move(SplittableRandom random) {
    battery = battery <= 5 ? 100 : battery - 1;
    latitude += (random.nextDouble() - 0.5) / 1000;
    longitude += (random.nextDouble() - 0.5) / 1000;
    celsius = Math.max(-20, Math.min(45, celsius + (random.nextDouble() - 0.5)));
    int level = battery;
    device.ifPresent(d -> d.setBatteryLevel(level));
    radio.ifPresent(r -> r.setSignalStrength(-60 - random.nextInt(50)));
    location.ifPresent(l -> l.moveTo(latitude, longitude));
    // two decimals: a reading as a sensor gives it, and short on the wire
    double reading = Math.round(celsius * 100) / 100.0;
    temperature.ifPresent(t -> t.set(SENSOR_VALUE, Value.ofFloat(reading)));
  }

  State state() {
    return events.state;
  }

  /** Registers again now, as after a reboot; the storm counters count its answer. */
  void registerAgain() {
    events.stormPending = true;
    client.registrations().registerAgain();
  }

  /** Sends the De-register (when registered); completes when answered or given up. */
  CompletableFuture<Void> deregister() {
    return client.registrations().deregisterAll();
  }

  /** Stops at once, without a De-register: what is left after {@link #deregister}, or a device losing power. */
  void halt() {
    client.halt();
  }

  /** The device's registration events, counted for the fleet. */
  private static final class Events implements RegistrationListener {
    private final FleetCounters counters;
    private final Scheduler scheduler;
    private volatile State state = State.REGISTERING;
    private volatile long registerSentAt;
    private volatile boolean registeredOnce;
    /** Asked to register again by a storm, not yet registered since. */
    private volatile boolean stormPending;

    Events(FleetCounters counters, Scheduler scheduler) {
      this.counters = counters;
      this.scheduler = scheduler;
    }

    @Override
    public void registering(int shortServerId) {
      registerSentAt = scheduler.nanoTime();
      counters.registerSent(registerSentAt);
      state = State.REGISTERING;
    }

    @Override
    public void registered(int shortServerId, String location) {
      long now = scheduler.nanoTime();
      counters.registrations.increment();
      if (!registeredOnce) {
        registeredOnce = true;
        counters.firstRegistered(now, now - registerSentAt);
      }
      if (stormPending) {
        stormPending = false;
        counters.registeredInStorm(now);
      }
      state = State.REGISTERED;
    }

    @Override
    public void updating(int shortServerId) {
      state = State.UPDATING;
    }

    @Override
    public void updated(int shortServerId) {
      counters.updates.increment();
      state = State.REGISTERED;
    }

    @Override
    public void failed(int shortServerId, String reason, long retryInMillis) {
      counters.failedAttempts.increment();
      state = State.FAILING;
    }

    @Override
    public void deregistered(int shortServerId) {
      counters.deregistered.increment();
      state = State.DEREGISTERED;
    }
  }
}
