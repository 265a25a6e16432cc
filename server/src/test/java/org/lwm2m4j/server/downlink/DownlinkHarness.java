package org.lwm2m4j.server.downlink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.server.device.DeviceCodec;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * The server's downlink side wired as the server wires it — queue, presence, chain, device API,
 * observations — on a {@link TwinNetwork} and a {@link VirtualScheduler}: nothing happens until
 * the test advances time. Every request outcome the metrics see is kept as {@code "read success"}.
 */
public final class DownlinkHarness implements AutoCloseable {
  /** The server's default request timeout. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How long a queue-mode client listens after its last message. */
  public static final Duration AWAKE = Duration.ofSeconds(93);
  public static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);

  public final VirtualScheduler scheduler = new VirtualScheduler();
  public final TwinNetwork network = new TwinNetwork(scheduler);
  public final InMemoryRegistrationStore registrations = new InMemoryRegistrationStore();
  public final Presence presence = new Presence(scheduler.clock(), AWAKE);
  public final RequestQueue queue = new RequestQueue(4, Duration.ofHours(1), scheduler);
  public final List<String> metrics = new CopyOnWriteArrayList<>();
  public final DeviceCodec codec = new DeviceCodec(ObjectModelRegistry.bundled());
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  public final CoapEndpoint server;
  public final DownlinkChain downlink;
  public final DeviceService devices;
  public final ObservationService observations;

  public DownlinkHarness() throws IOException {
    this(new InMemoryObservationStore());
  }

  /** A harness keeping its observations in {@code store} (a restart shares one store between two harnesses' services). */
  public DownlinkHarness(ObservationStore store) throws IOException {
    this(store, ObservationService.ReRegistration.OBSERVE_AGAIN);
  }

  /** A harness keeping its observations in {@code store}, doing {@code reRegistration} with them when a client registers again. */
  public DownlinkHarness(ObservationStore store, ObservationService.ReRegistration reRegistration) throws IOException {
    server = network.bind(SERVER, request -> CompletableFuture.failedFuture(new NotFoundException("nothing here")));
    downlink = DownlinkChain.withQueue(DownlinkEndpoints.single(server), scheduler, queue, presence);
    downlink.addObserver((registration, operation, outcome, elapsed) -> metrics.add(operation + " " + outcome));
    devices = new DeviceService(downlink, codec, TIMEOUT);
    observations = new ObservationService(downlink, codec, registrations, store, scheduler.clock(), TIMEOUT, scheduler,
        reRegistration);
  }

  /** A device on the twin network, closed with the harness. */
  public TwinDevice device() throws IOException {
    TwinDevice device = TwinDevice.on(network);
    closing.add(device);
    return device;
  }

  /** Registers {@code device} (LwM2M 1.1, objects 3 and 5) as {@code endpoint}. */
  public Registration register(TwinDevice device, String endpoint, boolean queueMode) {
    return register(device, endpoint, queueMode, Version.V1_1);
  }

  /** Registers {@code device} (objects 3 and 5) as {@code endpoint} with {@code version}. */
  public Registration register(TwinDevice device, String endpoint, boolean queueMode, Version version) {
    Registration registration = Registration.builder("reg-" + endpoint, endpoint, device.address()).lwm2mVersion(version)
        .queueMode(queueMode).objectLinks("</3/0>,</5/0>").build();
    registrations.add(registration);
    return registration;
  }

  /** The queue-mode client of {@code registration} sent something: it is awake, and what waited for it goes out. */
  public void wake(Registration registration) {
    presence.markAwake(registration);
    queue.drain(registration);
  }

  /** Lets {@code duration} of virtual time pass. */
  public void advance(Duration duration) {
    scheduler.advance(duration);
  }

  @Override
  public void close() throws Exception {
    observations.close();
    queue.close();
    for (AutoCloseable device : closing) {
      device.close();
    }
    server.close();
  }
}
