package org.lwm2m4j.client.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.registration.ExchangeFailure;
import org.lwm2m4j.client.registration.AccountEndpoints;
import org.lwm2m4j.client.registration.RegistrationEngine;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.client.registration.ServerAction;
import org.lwm2m4j.client.registration.ServerActions;
import org.lwm2m4j.client.security.SecurityObjectCodec;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ErrorResponseException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bootstrap sessions with the Bootstrap-Server of the Security object: client-initiated (at
 * start without a usable LwM2M Server account, when every registration keeps failing, or on the
 * Bootstrap-Request Trigger /1/x/9) and server-initiated (the Bootstrap-Server writes without a
 * Bootstrap-Request). Registration is suspended during a session; the accounts as they were are
 * put back if no Bootstrap-Finish arrives in time; after a Finish they are saved in the state
 * directory (atomically) and registration resumes with them.
 *
 * <p>Its timers (the Finish deadline, the retry, the account purge) run on the client's {@link
 * Scheduler}. Thread-safe: commands arrive on transport threads, timers on the scheduler.
 */
public final class BootstrapClient implements BootstrapRequestHandler.Session, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapClient.class);
  /** The Bootstrap-Server's channel is keyed by this pseudo short server id (real ones are 1..65534). */
  private static final int BOOTSTRAP_SSID = 0;

  private final ObjectTree tree;
  private final RegistrationEngine engine;
  private final AccountEndpoints channels;
  private final ServerActions actions;
  private final Scheduler scheduler;
  private final String endpointName;
  private final Optional<Path> stateDir;
  private final Duration finishTimeout;
  private final Duration retry;
  private final Duration requestTimeout;
  private final List<BootstrapListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private Map<Integer, LwM2mObject> snapshot;
  private Optional<Scheduler.Task> deadline = Optional.empty();
  private boolean requesting;
  private volatile boolean closed;

  /**
   * @param actions where the Server object instances publish the Bootstrap-Request Trigger
   * @param finishTimeout how long after the last bootstrap command a session may wait for Bootstrap-Finish (spec: 247 s)
   * @param retry how long to wait before asking again after a failed session
   * @param requestTimeout how long the Bootstrap-Request (handshake included) may take
   */
  public BootstrapClient(ObjectTree tree, RegistrationEngine engine, AccountEndpoints channels, ServerActions actions,
      Scheduler scheduler, String endpointName, Optional<Path> stateDir, Duration finishTimeout, Duration retry,
      Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    this.tree = tree;
    this.engine = engine;
    this.channels = channels;
    this.actions = actions;
    this.scheduler = scheduler;
    this.endpointName = endpointName;
    this.stateDir = stateDir;
    this.finishTimeout = finishTimeout;
    this.retry = retry;
  }

  public void addListener(BootstrapListener listener) {
    listeners.add(listener);
  }

  /** The Bootstrap-Server account: its Security instance (Bootstrap-Server = true). */
  public Optional<ServerAccount> account() {
    for (int instance : tree.instanceIds(0)) {
      boolean bootstrap = tree.single(LwM2mPath.of(0, instance, 1)).map(SingleResource::value)
          .filter(BooleanValue.class::isInstance).map(v -> ((BooleanValue) v).value()).orElse(false);
      Optional<String> uri = tree.single(LwM2mPath.of(0, instance, 0)).map(SingleResource::value)
          .filter(StringValue.class::isInstance).map(v -> ((StringValue) v).value());
      if (bootstrap && uri.isPresent()) {
        Optional<URI> serverUri = ServerAccount.serverUri(uri.get());
        if (serverUri.isEmpty()) {
          LOG.warn("the Bootstrap-Server account /0/{} is unusable: its Server URI \"{}\" is not coap://HOST[:PORT] "
              + "or coaps://HOST[:PORT]", instance, uri.get());
          continue;
        }
        try {
          return Optional.of(new ServerAccount(BOOTSTRAP_SSID, serverUri.get(), instance, -1, 0, "U", 0, true,
              ServerDefaults.NONE, SecurityObjectCodec.read(tree, instance), Optional.empty(), Optional.empty()));
        } catch (LwM2mException | IllegalArgumentException e) {
          LOG.warn("the Bootstrap-Server account /0/{} is unusable: {}", instance, e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code peer} is the Bootstrap-Server (its requests are bootstrap commands). */
  public boolean isBootstrapServer(InetSocketAddress peer) {
    Optional<ServerAccount> account = account();
    if (account.isEmpty()) {
      return false;
    }
    InetSocketAddress address = account.get().address();
    return address.getPort() == peer.getPort() && address.getAddress() != null && address.getAddress().equals(peer.getAddress());
  }

  /** The channel the Bootstrap-Server is reached through (plain endpoint or its own DTLS endpoint). */
  public Optional<CoapEndpoint> channel() {
    return account().map(channels::endpointFor);
  }

  /**
   * Starts acting: on the Bootstrap-Request Trigger, when registration keeps failing with every
   * server, and now, when there is no usable LwM2M Server account but a Bootstrap-Server account.
   */
  public void start() {
    actions.subscribe(ServerAction.Kind.BOOTSTRAP_TRIGGER, ssid -> {
      LOG.info("server {} asked for a bootstrap (/1/x/9)", ssid);
      if (account().isEmpty()) {
        LOG.warn("a bootstrap was asked for (/1/x/9), but no bootstrap server is configured");
        return;
      }
      requestBootstrap();
    });
    engine.addListener(new RegistrationListener() {
      @Override
      public void failed(int ssid, String reason, long retryInMillis) {
        if (engine.allFailing(3) && account().isPresent() && !inSession()) {
          LOG.info("registration keeps failing with every server: asking the Bootstrap-Server");
          requestBootstrap();
        }
      }
    });
    if (ServerAccount.readFrom(tree).isEmpty() && account().isPresent()) {
      requestBootstrap();
    }
  }

  /** Whether a session is running. */
  public boolean inSession() {
    synchronized (lock) {
      return snapshot != null;
    }
  }

  /** Client-initiated bootstrap: Bootstrap-Request to the Bootstrap-Server, then its commands until Finish. */
  public CompletableFuture<Void> requestBootstrap() {
    Optional<ServerAccount> account = account();
    if (account.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no Bootstrap-Server account in the Security object"));
    }
    if (closed) {
      return CompletableFuture.failedFuture(stopping());
    }
    CoapEndpoint channel;
    try {
      channel = channels.endpointFor(account.get());
    } catch (RuntimeException e) {
      // no session starts without a channel: nothing would ever end it but the Finish timeout
      fail("cannot reach the Bootstrap-Server: " + e.getMessage(), true);
      return CompletableFuture.failedFuture(e);
    }
    synchronized (lock) {
      if (requesting) {
        return CompletableFuture.completedFuture(null);
      }
      requesting = true;
      begin(false);
    }
    CoapRequest request = CoapRequest.to(account.get().address(), CoapMethod.POST, List.of("bs"))
        .withQuery(List.of("ep=" + endpointName, "pct=" + ContentFormat.SENML_CBOR.code()));
    LOG.info("Bootstrap-Request to {}", account.get().uri());
    return channel.send(request, requestTimeout).handle((response, failure) -> {
      synchronized (lock) {
        requesting = false;
      }
      if (failure != null || response.code() != ResponseCode.CHANGED) {
        String reason = failure != null
            ? "Bootstrap-Request failed: " + ExchangeFailure.reason(failure, account.get().address(), requestTimeout)
            : "Bootstrap-Request answered " + response.code() + " " + new String(response.payload(), StandardCharsets.UTF_8);
        fail(reason, true);
      }
      return null;
    });
  }

  @Override
  public void commandReceived() {
    synchronized (lock) {
      if (closed) {
        throw stopping();
      }
      if (snapshot == null) {
        begin(true);
      } else {
        armDeadline();
      }
    }
  }

  /** Starts a session: keeps the accounts as they are, holds registration, arms the Finish deadline. */
  private void begin(boolean serverInitiated) {
    if (snapshot == null) {
      snapshot = ProvisionedState.snapshot(tree);
      engine.suspend();
      LOG.info("bootstrap session started{}", serverInitiated ? " by the Bootstrap-Server" : "");
      listeners.forEach(l -> l.started(serverInitiated));
    }
    armDeadline();
  }

  private void armDeadline() {
    deadline.ifPresent(Scheduler.Task::cancel);
    try {
      deadline = Optional.of(scheduler.schedule(finishTimeout,
          () -> fail("no Bootstrap-Finish within " + finishTimeout.toSeconds() + " s", true)));
    } catch (RejectedExecutionException closedMeanwhile) {
      throw stopping();
    }
  }

  /** The answer to a bootstrap command while the client closes: the endpoint still serves while it de-registers, but no session can start. */
  private static ErrorResponseException stopping() {
    return new ErrorResponseException(ResponseCode.SERVICE_UNAVAILABLE, "the client is stopping; bootstrap it after it restarts");
  }

  @Override
  public void finished() {
    synchronized (lock) {
      deadline.ifPresent(Scheduler.Task::cancel);
      snapshot = null;
    }
    stateDir.ifPresent(dir -> {
      try {
        ProvisionedState.save(tree, dir);
      } catch (IOException e) {
        LOG.warn("cannot save the provisioned state in {}: {}", dir, e.getMessage());
      }
    });
    LOG.info("bootstrap finished: {} LwM2M Server account(s)", ServerAccount.readFrom(tree).size());
    scheduleAccountPurge();
    engine.resume();
    listeners.forEach(BootstrapListener::finished);
  }

  /** The Bootstrap-Server Account Timeout (/0/x/12): a non-zero value purges the account that long after a bootstrap. */
  private void scheduleAccountPurge() {
    account().ifPresent(account -> tree.single(LwM2mPath.of(0, account.securityInstance(), 12)).map(SingleResource::value)
        .filter(org.lwm2m4j.core.value.IntegerValue.class::isInstance).map(v -> ((org.lwm2m4j.core.value.IntegerValue) v).value())
        .filter(seconds -> seconds > 0).ifPresent(seconds -> scheduler.schedule(Duration.ofSeconds(seconds), () -> {
          if (!closed && tree.instance(0, account.securityInstance()).isPresent() && !inSession()) {
            LOG.info("purging the Bootstrap-Server account /0/{} ({} s after the bootstrap, as /0/x/12 says)",
                account.securityInstance(), seconds);
            tree.bootstrapView().delete(LwM2mPath.of(0, account.securityInstance()));
            stateDir.ifPresent(dir -> {
              try {
                ProvisionedState.save(tree, dir);
              } catch (IOException e) {
                LOG.warn("cannot save the provisioned state in {}: {}", dir, e.getMessage());
              }
            });
          }
        })));
  }

  private void fail(String reason, boolean retryLater) {
    Map<Integer, LwM2mObject> previous;
    synchronized (lock) {
      previous = snapshot;
      snapshot = null;
      deadline.ifPresent(Scheduler.Task::cancel);
    }
    if (previous != null) {
      ProvisionedState.restore(tree, previous);
    }
    LOG.warn("bootstrap failed: {}; the previous accounts are back", reason);
    engine.resume();
    listeners.forEach(l -> l.failed(reason));
    if (retryLater && ServerAccount.readFrom(tree).isEmpty() && !closed) {
      try {
        scheduler.schedule(retry, () -> {
          if (!closed) {
            requestBootstrap();
          }
        });
      } catch (RejectedExecutionException stopping) {
        LOG.debug("client stopping; no bootstrap retry");
      }
    }
  }

  /** Stops: no session starts or retries from now on (the client's scheduler may go on running). */
  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      deadline.ifPresent(Scheduler.Task::cancel);
    }
  }
}
