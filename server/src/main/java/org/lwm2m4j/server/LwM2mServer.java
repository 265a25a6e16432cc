package org.lwm2m4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.RegistrationHandler;
import org.lwm2m4j.server.registration.RegistrationService;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.send.SendHandler;
import org.lwm2m4j.server.send.SendListener;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapServerEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A running LwM2M server on one CoAP endpoint: the registration interface ({@code /rd}), Send
 * ({@code /dp}), the device API and observations, wired together. Build one with {@link
 * #builder()}, use its services, close it to stop.
 *
 * <pre>{@code
 * try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress(5683)).start()) {
 *   server.registrations().addListener(...);
 *   Registration dev1 = server.registrations().store().byEndpoint("dev1").orElseThrow();
 *   LwM2mNode device = server.devices().read(dev1, LwM2mPath.of(3, 0), RequestOptions.DEFAULTS).get();
 * }
 * }</pre>
 */
public final class LwM2mServer implements AutoCloseable {
  private final CoapServerEndpoint endpoint;
  private final RegistrationService registrations;
  private final DeviceService devices;
  private final ObservationService observations;
  private final SendHandler sends;
  private final ObjectModelRegistry models;

  private LwM2mServer(CoapServerEndpoint endpoint, RegistrationService registrations, DeviceService devices,
      ObservationService observations, SendHandler sends, ObjectModelRegistry models) {
    this.endpoint = endpoint;
    this.registrations = registrations;
    this.devices = devices;
    this.observations = observations;
    this.sends = sends;
    this.models = models;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Register, Update, De-register, expiry, registration events and the registration store. */
  public RegistrationService registrations() {
    return registrations;
  }

  /** Read, Write, Create, Delete, Execute, Discover, Write-Attributes and the composite operations. */
  public DeviceService devices() {
    return devices;
  }

  /** Observe, Observe-Composite, Cancel Observation and notification events. */
  public ObservationService observations() {
    return observations;
  }

  /** Listens to data clients push with Send. */
  public void addSendListener(SendListener listener) {
    sends.addListener(listener);
  }

  /** The object models values are typed with. */
  public ObjectModelRegistry models() {
    return models;
  }

  /** The bound CoAP address. */
  public InetSocketAddress coapAddress() {
    return endpoint.address();
  }

  @Override
  public void close() {
    endpoint.close();
    registrations.close();
    observations.close();
    sends.close();
  }

  /** Settings for a server; every one has a default that runs a working server. */
  public static final class Builder {
    private InetSocketAddress coapAddress = new InetSocketAddress("0.0.0.0", 5683);
    private ObjectModelRegistry models;
    private RegistrationStore registrationStore;
    private ObservationStore observationStore;
    private CoapSettings coapSettings = CoapSettings.DEFAULTS;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration expiryCheckInterval = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where CoAP listens (default 0.0.0.0:5683; port 0 picks a free one). */
    public Builder coapAddress(InetSocketAddress address) {
      this.coapAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The object models (default: the bundled core objects). */
    public Builder models(ObjectModelRegistry models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /** Where registrations live (default: in memory, with a 30 s expiry grace). */
    public Builder registrationStore(RegistrationStore store) {
      this.registrationStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Where observations live (default: in memory). */
    public Builder observationStore(ObservationStore store) {
      this.observationStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** CoAP retransmission settings (default: RFC 7252's). */
    public Builder coapSettings(CoapSettings settings) {
      this.coapSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The device API's default timeout per request (default 30 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How often expired registrations are looked for (default 1 s). */
    public Builder expiryCheckInterval(Duration interval) {
      this.expiryCheckInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Binds the CoAP endpoint and starts serving.
     *
     * @throws IOException if the address cannot be bound
     */
    public LwM2mServer start() throws IOException {
      ObjectModelRegistry registry = models != null ? models : ObjectModelRegistry.bundled();
      RegistrationStore store = registrationStore != null ? registrationStore : new InMemoryRegistrationStore(Duration.ofSeconds(30));
      RegistrationService registrations = new RegistrationService(store, clock, expiryCheckInterval);
      RegistrationHandler registrationHandler = new RegistrationHandler(registrations);
      SendHandler sends = new SendHandler(store, registry);
      CoapHandler router = request -> route(request, registrationHandler, sends);
      CoapServerEndpoint endpoint;
      try {
        endpoint = CoapServerEndpoint.start(coapAddress, router, coapSettings);
      } catch (IOException e) {
        registrations.close();
        sends.close();
        throw e;
      }
      DeviceService devices = new DeviceService(endpoint, registry, requestTimeout);
      ObservationService observations = new ObservationService(endpoint, devices, store,
          observationStore != null ? observationStore : new InMemoryObservationStore(), clock);
      registrations.addListener(observations);
      return new LwM2mServer(endpoint, registrations, devices, observations, sends, registry);
    }

    private static CompletableFuture<CoapResponse> route(CoapRequest request, RegistrationHandler registrations, SendHandler sends) {
      String first = request.path().isEmpty() ? "" : request.path().get(0);
      if (first.equals("rd")) {
        return registrations.handle(request);
      }
      if (first.equals("dp") && request.path().size() == 1) {
        return sends.handle(request);
      }
      throw new NotFoundException("no resource " + request.pathText() + " on this server; clients register under /rd and send to /dp");
    }
  }
}
