package org.lwm2m4j.client.registration;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.TreeListener;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the Client Registration interface, for every DM server in the Security and
 * Server objects: Register at start, Update before the lifetime runs out and whenever the object
 * list, lifetime or binding changes, Register again when an Update gets 4.04 or when a full DTLS
 * handshake made a new security context with the server (Transport 1.1: a new context needs a new
 * Register), retry with doubling back-off after failures, Disable ({@code /1/x/4}) and the Update
 * Trigger ({@code /1/x/8}), and De-register at {@link #close()}. All state changes run on one
 * scheduler thread, so a session is never driven by two threads at once.
 */
public final class RegistrationEngine implements TreeListener, ServerActions, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationEngine.class);
  /** Objects a Register must not list (Security, OSCORE). */
  private static final Set<Integer> NOT_ANNOUNCED = Set.of(0, 21);

  private final ObjectTree tree;
  private final AccountEndpoints endpoints;
  private final String endpointName;
  private final Version version;
  private final List<ContentFormat> formats;
  private final RegistrationSettings settings;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "lwm2m-client-registration");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
  private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private volatile boolean suspended;
  private volatile boolean queueMode;

  /** One server's registration state; touched only on the scheduler thread. */
  private final class Session {
    ServerAccount account;
    CoapEndpoint endpoint;
    Optional<List<String>> location = Optional.empty();
    String sentLinks = "";
    long sentLifetime;
    String sentBinding = "";
    ScheduledFuture<?> next;
    int failures;
    boolean disabled;
    boolean inFlight;
    /** An Update was asked for while another exchange was on the wire: send it when that one ends. */
    boolean updateWanted;
    /** The last Update timed out over DTLS and a handshake was made at once, behind a ping. */
    boolean resentAfterHandshake;
    /** The channel's security context when the last Register succeeded ({@link AccountEndpoints#securityContext}). */
    long securityContext;
    CompletableFuture<?> exchange = CompletableFuture.completedFuture(null);

    Session(ServerAccount account) {
      this.account = account;
    }
  }

  /**
   * @param formats the content formats the client announces in its root link ({@code ct})
   */
  public RegistrationEngine(ObjectTree tree, AccountEndpoints endpoints, String endpointName, Version version,
      List<ContentFormat> formats, RegistrationSettings settings) {
    this.tree = tree;
    this.endpoints = endpoints;
    this.endpointName = endpointName;
    this.version = version;
    this.formats = List.copyOf(formats);
    this.settings = settings;
  }

  public void addListener(RegistrationListener listener) {
    listeners.add(listener);
  }

  /** Registers with every configured DM server and keeps the registrations alive. */
  public void start() {
    tree.addListener(this);
    endpoints.onNewSecurityContext(ssid -> {
      if (!closed) {
        scheduler.execute(() -> newSecurityContext(ssid));
      }
    });
    scheduler.execute(this::reconcileAccounts);
  }

  /** The Short Server ID of the server at {@code peer}, for requests it sends. */
  public OptionalInt ssidOf(InetSocketAddress peer) {
    for (Session session : sessions.values()) {
      InetSocketAddress address = session.account.address();
      if (address.getPort() == peer.getPort() && address.getAddress() != null && address.getAddress().equals(peer.getAddress())) {
        return OptionalInt.of(session.account.shortServerId());
      }
    }
    return OptionalInt.empty();
  }

  /** The servers this client is registered with now, by Short Server ID, with their registration location. */
  public Map<Integer, String> registrations() {
    return sessions.entrySet().stream().filter(e -> e.getValue().location.isPresent())
        .collect(Collectors.toMap(Map.Entry::getKey, e -> "/" + String.join("/", e.getValue().location.get())));
  }

  /** The channel to the server with {@code shortServerId}, while it has a session. */
  public Optional<CoapEndpoint> endpointOf(int shortServerId) {
    return Optional.ofNullable(sessions.get(shortServerId)).map(session -> session.endpoint);
  }

  /** The accounts configured now. */
  public List<ServerAccount> accounts() {
    return sessions.values().stream().map(s -> s.account).collect(Collectors.toList());
  }

  // ---- reacting to the tree ------------------------------------------------------------------

  @Override
  public void valuesChanged(Set<LwM2mPath> paths) {
    boolean accountsChanged = paths.stream().anyMatch(p -> p.objectId() == 0 || p.objectId() == 1);
    if (accountsChanged) {
      onScheduler(this::reconcileAccounts);
    }
  }

  @Override
  public void instancesChanged() {
    onScheduler(() -> {
      reconcileAccounts();
      sessions.values().forEach(this::updateIfChanged);
    });
  }

  /** Registers in queue mode ({@code Q}): the client sleeps between exchanges and the server queues requests. */
  public void queueMode(boolean on) {
    this.queueMode = on;
  }

  /**
   * Holds registration work while a bootstrap rewrites the Security and Server objects, so that
   * half-written accounts are not registered with; {@link #resume()} then acts on the result.
   */
  public void suspend() {
    suspended = true;
  }

  /** Ends {@link #suspend()}: registers with the accounts as they are now, ends removed ones. */
  public void resume() {
    suspended = false;
    onScheduler(this::reconcileAccounts);
  }

  /** True when every configured server has failed {@code attempts} times in a row, or none is configured. */
  public boolean allFailing(int attempts) {
    return sessions.values().stream().allMatch(session -> session.location.isEmpty() && session.failures >= attempts);
  }

  /** Starts sessions for new accounts, refreshes changed ones, ends removed ones. */
  private void reconcileAccounts() {
    if (closed || suspended) {
      return;
    }
    Map<Integer, ServerAccount> current = new ConcurrentHashMap<>();
    for (ServerAccount account : ServerAccount.readFrom(tree)) {
      current.put(account.shortServerId(), account);
    }
    for (Integer ssid : new ArrayList<>(sessions.keySet())) {
      if (!current.containsKey(ssid)) {
        Session gone = sessions.remove(ssid);
        cancelTimer(gone);
        gone.location.ifPresentOrElse(location -> deregister(gone, location).whenComplete((r, e) -> endpoints.release(gone.account)),
            () -> endpoints.release(gone.account));
      }
    }
    for (ServerAccount account : current.values()) {
      Session session = sessions.get(account.shortServerId());
      if (session == null) {
        if (!"coap".equals(account.uri().getScheme()) && !"coaps".equals(account.uri().getScheme())) {
          LOG.warn("server {} ({}): only coap:// and coaps:// are supported; not registering", account.shortServerId(), account.uri());
          continue;
        }
        Session created = new Session(account);
        try {
          created.endpoint = endpoints.endpointFor(account);
        } catch (RuntimeException e) {
          LOG.warn("server {} ({}): cannot open its channel: {}; not registering", account.shortServerId(), account.uri(), e.getMessage());
          continue;
        }
        sessions.put(account.shortServerId(), created);
        register(created);
      } else {
        boolean moved = !session.account.uri().equals(account.uri()) || !session.account.credentials().equals(account.credentials());
        if (moved) {
          // new address or credentials: a new channel and a new Register (security.md §5)
          session.location.ifPresent(location -> deregister(session, location));
          endpoints.release(session.account);
          session.account = account;
          session.endpoint = endpoints.endpointFor(account);
          session.location = Optional.empty();
          register(session);
        } else {
          session.account = account;
          updateIfChanged(session);
        }
      }
    }
  }

  // ---- Register / Update / De-register -------------------------------------------------------

  private String links() {
    StringBuilder root = new StringBuilder("</>;rt=\"oma.lwm2m\";ct=");
    String cts = formats.stream().map(f -> Integer.toString(f.code())).collect(Collectors.joining(" "));
    root.append(formats.size() == 1 ? cts : "\"" + cts + "\"");
    List<Link> objects = tree.registrationLinks(NOT_ANNOUNCED);
    return objects.isEmpty() ? root.toString() : root + "," + LinkFormatWriter.write(objects);
  }

  private void register(Session session) {
    if (closed || session.disabled || session.inFlight) {
      return;
    }
    cancelTimer(session);
    session.resentAfterHandshake = false;
    ServerAccount account = session.account;
    String links = links();
    List<String> query = new ArrayList<>(List.of("ep=" + endpointName, "lt=" + account.lifetimeSeconds(),
        "lwm2m=" + version, "b=" + account.binding()));
    if (queueMode) {
      query.add("Q");
    }
    CoapRequest request = CoapRequest.to(account.address(), CoapMethod.POST, List.of("rd")).withQuery(query)
        .withPayload(ContentFormat.LINK.code(), links.getBytes(StandardCharsets.UTF_8));
    session.inFlight = true;
    listeners.forEach(l -> l.registering(account.shortServerId()));
    session.exchange = send(session, request).whenCompleteAsync((response, failure) -> {
      session.inFlight = false;
      if (failure == null && response.code() == ResponseCode.CREATED && !response.locationPath().isEmpty()) {
        session.location = Optional.of(response.locationPath());
        session.securityContext = endpoints.securityContext(account);
        session.sentLinks = links;
        session.sentLifetime = account.lifetimeSeconds();
        session.sentBinding = account.binding();
        session.failures = 0;
        String location = "/" + String.join("/", response.locationPath());
        LOG.info("registered with server {} at {} as {}", account.shortServerId(), account.uri(), location);
        listeners.forEach(l -> l.registered(account.shortServerId(), location));
        scheduleUpdate(session);
      } else {
        retry(session, "Register", failure, response, () -> register(session));
      }
    }, scheduler);
  }

  private void updateIfChanged(Session session) {
    if (session.location.isEmpty() || session.inFlight) {
      return;
    }
    if (!links().equals(session.sentLinks) || session.account.lifetimeSeconds() != session.sentLifetime
        || !session.account.binding().equals(session.sentBinding)) {
      update(session);
    }
  }

  private void update(Session session) {
    if (closed || session.disabled) {
      return;
    }
    if (session.inFlight) {
      session.updateWanted = true;
      return;
    }
    if (session.location.isEmpty()) {
      register(session);
      return;
    }
    if (inNewSecurityContext(session)) {
      registerAgain(session);
      return;
    }
    session.updateWanted = false;
    cancelTimer(session);
    ServerAccount account = session.account;
    String links = links();
    List<String> query = new ArrayList<>();
    if (account.lifetimeSeconds() != session.sentLifetime) {
      query.add("lt=" + account.lifetimeSeconds());
    }
    if (!account.binding().equals(session.sentBinding)) {
      query.add("b=" + account.binding());
    }
    CoapRequest request = CoapRequest.to(account.address(), CoapMethod.POST, session.location.get()).withQuery(query);
    if (!links.equals(session.sentLinks)) {
      request = request.withPayload(ContentFormat.LINK.code(), links.getBytes(StandardCharsets.UTF_8));
    }
    session.inFlight = true;
    session.exchange = send(session, request).whenCompleteAsync((response, failure) -> {
      session.inFlight = false;
      boolean resent = session.resentAfterHandshake;
      session.resentAfterHandshake = false;
      if (inNewSecurityContext(session)) {
        registerAgain(session); // whatever the Update's fate: it may have made the new context itself
      } else if (failure == null && response.code() == ResponseCode.CHANGED) {
        session.sentLinks = links;
        session.sentLifetime = account.lifetimeSeconds();
        session.sentBinding = account.binding();
        session.failures = 0;
        LOG.debug("updated registration with server {}", account.shortServerId());
        listeners.forEach(l -> l.updated(account.shortServerId()));
        scheduleUpdate(session);
      } else if (failure == null && response.code() == ResponseCode.NOT_FOUND) {
        LOG.info("server {} no longer knows our registration (4.04): registering again", account.shortServerId());
        session.location = Optional.empty();
        register(session);
      } else if (!resent && account.secure() && timedOut(failure)) {
        // The server may have restarted and lost our DTLS session: it drops our records without a
        // word. The channel now starts the next message with a handshake (SecureChannels). A ping
        // goes first, so that the handshake is over before anything that matters is sent: a full
        // one (the server lost the session) is a new security context and a Register follows; a
        // resumed one (the Update was merely lost) and the Update goes again, without back-off.
        LOG.info("server {} did not answer the Update over DTLS: handshaking again behind a ping", account.shortServerId());
        session.resentAfterHandshake = true;
        handshakeAgain(session);
      } else {
        retry(session, "Update", failure, response, () -> update(session));
      }
    }, scheduler);
  }

  /** Whether a full handshake made a new security context with the server since it last registered. */
  private boolean inNewSecurityContext(Session session) {
    return session.location.isPresent() && endpoints.securityContext(session.account) != session.securityContext;
  }

  private void registerAgain(Session session) {
    LOG.info("server {}: a new DTLS security context since the last Register: registering again", session.account.shortServerId());
    session.location = Optional.empty();
    register(session);
  }

  /** A full handshake completed with server {@code ssid}: an idle registration is made again at once, a busy one when its exchange ends. */
  private void newSecurityContext(int ssid) {
    Session session = sessions.get(ssid);
    if (session != null && !session.inFlight && !session.disabled && inNewSecurityContext(session)) {
      cancelTimer(session);
      registerAgain(session);
    }
  }

  /** Pings the server (the channel handshakes first), then updates — or registers, if the handshake made a new context. */
  private void handshakeAgain(Session session) {
    session.inFlight = true;
    CompletableFuture<Void> ping;
    try {
      ping = session.endpoint.ping(session.account.address(), settings.requestTimeout());
    } catch (RuntimeException e) {
      ping = CompletableFuture.failedFuture(e);
    }
    session.exchange = ping.whenCompleteAsync((ok, failure) -> {
      session.inFlight = false;
      if (failure == null) {
        update(session);
      } else {
        session.resentAfterHandshake = false;
        retry(session, "Update", failure, null, () -> update(session));
      }
    }, scheduler);
  }

  private void scheduleUpdate(Session session) {
    if (session.updateWanted) {
      session.next = scheduler.schedule(() -> update(session), 0, TimeUnit.MILLISECONDS);
      return;
    }
    long lifetimeMillis = session.account.lifetimeSeconds() * 1000;
    if (lifetimeMillis <= 0) {
      return;
    }
    long delay = Math.max(500, (long) (lifetimeMillis * settings.updateAtLifetimeFraction()));
    session.next = scheduler.schedule(() -> update(session), delay, TimeUnit.MILLISECONDS);
  }

  private void retry(Session session, String what, Throwable failure, CoapResponse response, Runnable again) {
    session.failures++;
    long delay = Math.min(settings.maxRetry().toMillis(),
        settings.firstRetry().toMillis() << Math.min(20, session.failures - 1));
    String reason = failure != null ? String.valueOf(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage())
        : "answered " + response.code() + (response.payload().length > 0 ? " " + new String(response.payload(), StandardCharsets.UTF_8) : "");
    LOG.warn("{} with server {} ({}) failed: {}; retrying in {} ms", what, session.account.shortServerId(), session.account.uri(),
        reason, delay);
    listeners.forEach(l -> l.failed(session.account.shortServerId(), reason, delay));
    if (!closed) {
      cancelTimer(session);
      session.next = scheduler.schedule(again, delay, TimeUnit.MILLISECONDS);
    }
  }

  private CompletableFuture<Void> deregister(Session session, List<String> location) {
    session.location = Optional.empty();
    CoapRequest request = CoapRequest.to(session.account.address(), CoapMethod.DELETE, location);
    return send(session, request).handle((response, failure) -> {
      if (failure == null && response.code().isSuccess()) {
        LOG.info("de-registered from server {}", session.account.shortServerId());
      } else {
        LOG.warn("De-register from server {} failed: {}", session.account.shortServerId(),
            failure != null ? failure.getMessage() : response.code());
      }
      listeners.forEach(l -> l.deregistered(session.account.shortServerId()));
      return null;
    });
  }

  private CompletableFuture<CoapResponse> send(Session session, CoapRequest request) {
    try {
      return session.endpoint.send(request, settings.requestTimeout());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static boolean timedOut(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof java.util.concurrent.TimeoutException;
  }

  private static void cancelTimer(Session session) {
    if (session.next != null) {
      session.next.cancel(false);
      session.next = null;
    }
  }

  // ---- Server object actions -----------------------------------------------------------------

  /** Sends an Update to every server now (the console's {@code update}). */
  public void updateAll() {
    onScheduler(() -> sessions.values().forEach(this::update));
  }

  @Override
  public void triggerUpdate(int shortServerId) {
    onScheduler(() -> {
      Session session = sessions.get(shortServerId);
      if (session != null) {
        update(session);
      }
    });
  }

  @Override
  public void disable(int shortServerId) {
    onScheduler(() -> {
      Session session = sessions.get(shortServerId);
      if (session == null) {
        return;
      }
      long seconds = session.account.disableTimeoutSeconds();
      cancelTimer(session);
      session.location.ifPresent(location -> deregister(session, location));
      session.disabled = true;
      LOG.info("server {} disabled this client for {} s", shortServerId, seconds);
      listeners.forEach(l -> l.disabled(shortServerId, seconds));
      session.next = scheduler.schedule(() -> {
        session.disabled = false;
        register(session);
      }, seconds, TimeUnit.SECONDS);
    });
  }

  private volatile Runnable bootstrapTrigger = () -> LOG.warn("a bootstrap was asked for (/1/x/9), but no bootstrap server is configured");

  /** What executing the Bootstrap-Request Trigger (/1/x/9) does. */
  public void onBootstrapTrigger(Runnable trigger) {
    this.bootstrapTrigger = trigger;
  }

  @Override
  public void triggerBootstrap(int shortServerId) {
    LOG.info("server {} asked for a bootstrap (/1/x/9)", shortServerId);
    bootstrapTrigger.run();
  }

  /**
   * Runs {@code work} on the scheduler thread. Once the engine has stopped there is nothing left to
   * do: a server action or tree change arriving then (the endpoint serves until it is closed, and
   * Disable runs just after its Execute was answered) is dropped, not an exception on its caller.
   */
  private void onScheduler(Runnable work) {
    if (closed) {
      return;
    }
    try {
      scheduler.execute(work);
    } catch (RejectedExecutionException stoppedMeanwhile) {
      LOG.debug("registration engine stopped; dropped a late action");
    }
  }

  /** Stops at once without de-registering, as a device that loses power: servers expire the registrations. */
  public void abandon() {
    closed = true;
    scheduler.shutdownNow();
  }

  /** De-registers from every server (waiting up to the request timeout) and stops. */
  @Override
  public void close() {
    CompletableFuture<?> done;
    try {
      done = CompletableFuture.supplyAsync(() -> {
        closed = true;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Session session : sessions.values()) {
          cancelTimer(session);
          // a Register or Update still on the wire decides whether there is something to end
          pending.add(session.exchange.handle((result, failure) -> null).thenComposeAsync(ignored -> {
            cancelTimer(session);
            return session.location.map(location -> deregister(session, location))
                .orElse(CompletableFuture.completedFuture(null));
          }, scheduler));
        }
        return CompletableFuture.allOf(pending.toArray(new CompletableFuture[0]));
      }, scheduler).thenCompose(all -> all);
      done.get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("de-registering at shutdown did not finish: {}", e.getMessage());
    } finally {
      closed = true;
      scheduler.shutdownNow();
    }
  }
}
