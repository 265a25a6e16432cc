package org.lwm2m4j.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.downlink.RequestObserver;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.observation.NotificationListener;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.UpdatedRegistration;
import org.lwm2m4j.server.store.StoreWriteListener;

/**
 * The server's Prometheus metrics: registered clients, observations and queued requests (gauges),
 * registration events, notifications, Send reports and DTLS handshakes (counters), the persistent
 * store's batch commit latency ({@code lwm2m_store_write_seconds}) and batch size, and every device
 * API request by operation and outcome with a latency histogram. {@link #scrape()} is what {@code GET /metrics} serves.
 */
public final class ServerMetrics implements RegistrationListener, NotificationListener, RequestObserver {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public ServerMetrics(LwM2mServer server) {
    Gauge.builder("lwm2m_clients_registered", server.registrations().store(), store -> store.size())
        .description("clients registered now").register(registry);
    Gauge.builder("lwm2m_observations", server.observations().store(), store -> store.size())
        .description("observations held now").register(registry);
    Gauge.builder("lwm2m_events_dropped", server.registrations(), service -> service.droppedEvents())
        .description("registration events dropped because listeners fell behind").register(registry);
    Gauge.builder("lwm2m_queued_requests", server.queue(), queue -> queue.total())
        .description("requests waiting for sleeping queue-mode clients").register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    server.registrations().addListener(this);
    server.observations().addListener(this);
    server.addSendListener((registration, values) -> counter("lwm2m_sends", "Send reports received").increment());
    server.devices().addObserver(this);
    server.addHandshakeObserver((resumed, failure) -> counter("lwm2m_dtls_handshakes", "DTLS handshakes on the secure endpoint",
        "kind", resumed ? "resumed" : "full", "result", failure.isPresent() ? "failed" : "succeeded").increment());
    server.addStoreWriteListener(new StoreWrites());
  }

  /** Batches the persistent store commits: latency and size of each, and failed batches. */
  private final class StoreWrites implements StoreWriteListener {
    private final Timer latency = Timer.builder("lwm2m_store_write").description("time to write and commit one batch of store changes")
        .publishPercentileHistogram().register(registry);
    private final DistributionSummary size = DistributionSummary.builder("lwm2m_store_batch_size")
        .description("changes (rows) per committed store batch").publishPercentileHistogram().register(registry);

    @Override
    public void committed(int writes, Duration took) {
      latency.record(took);
      size.record(writes);
    }

    @Override
    public void failed(int writes, Exception cause) {
      counter("lwm2m_store_write_failures", "store batches that could not be committed").increment();
    }
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private void registrationEvent(String event) {
    counter("lwm2m_registration_events", "Register, Update, De-register and expiry events", "event", event).increment();
  }

  @Override
  public void registered(Registration registration, Optional<Registration> replaced) {
    registrationEvent("registered");
  }

  @Override
  public void updated(UpdatedRegistration update) {
    registrationEvent("updated");
  }

  @Override
  public void deregistered(Registration registration) {
    registrationEvent("deregistered");
  }

  @Override
  public void expired(Registration registration) {
    registrationEvent("expired");
  }

  @Override
  public void notified(Notification notification) {
    counter("lwm2m_notifications", "notifications received").increment();
  }

  @Override
  public void completed(Registration registration, String operation, String outcome, Duration elapsed) {
    Timer.builder("lwm2m_device_requests").description("device API requests by operation and outcome")
        .tags("operation", operation, "outcome", outcome).publishPercentileHistogram().register(registry).record(elapsed);
  }

  /** The metrics in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }
}
