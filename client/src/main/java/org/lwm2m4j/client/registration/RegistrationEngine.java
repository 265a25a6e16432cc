package org.lwm2m4j.client.registration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.TreeListener;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SerialExecutor;
import org.lwm2m4j.transport.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the Client Registration interface over every DM server in the Security and
 * Server objects: a {@link RegistrationSession} per server (Register, Update, back-off, Register
 * again after 4.04 or in a new DTLS security context), kept in step with the tree — sessions start
 * for new accounts and end for removed ones, an Update goes out when the object list, lifetime or
 * binding changes — and driven by the servers' Disable ({@code /1/x/4}) and Update Trigger ({@code
 * /1/x/8}), which arrive as {@link ServerActions}. {@link #close()} de-registers.
 *
 * <p>Runs on the client's {@link Scheduler}: all state changes go through one {@link
 * SerialExecutor}, so a session is never driven by two threads at once, and all waits are timers of
 * that scheduler — on a virtual one a lifetime passes in no time.
 */
public final class RegistrationEngine implements TreeListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationEngine.class);
  /** More engine work than this waiting means something loops; the excess is dropped (and logged). */
  private static final int MAX_WAITING_WORK = 10_000;

  private final ObjectTree tree;
  private final AccountEndpoints endpoints;
  private final ServerActions actions;
  private final RegistrationRequests requests;
  private final SessionContext context;
  private final Map<Integer, RegistrationSession> sessions = new ConcurrentHashMap<>();
  private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private volatile boolean suspended;

  /**
   * @param actions where the Server object instances publish Disable and the Update Trigger
   * @param formats the content formats the client announces in its root link ({@code ct})
   */
  public RegistrationEngine(ObjectTree tree, AccountEndpoints endpoints, Scheduler scheduler, ServerActions actions,
      String endpointName, Version version, List<ContentFormat> formats, RegistrationSettings settings) {
    this.tree = tree;
    this.endpoints = endpoints;
    this.actions = actions;
    this.requests = new RegistrationRequests(tree, endpointName, version, formats);
    this.context = new SessionContext(endpoints, settings, scheduler, new SerialExecutor(scheduler, MAX_WAITING_WORK), requests,
        listeners, () -> closed);
  }

  public void addListener(RegistrationListener listener) {
    listeners.add(listener);
  }

  /** Registers with every configured DM server and keeps the registrations alive. */
  public void start() {
    tree.addListener(this);
    actions.subscribe(ServerAction.Kind.DISABLE, this::disable);
    actions.subscribe(ServerAction.Kind.UPDATE_TRIGGER, this::triggerUpdate);
    endpoints.onNewSecurityContext(ssid -> onSerial(() -> Optional.ofNullable(sessions.get(ssid))
        .ifPresent(RegistrationSession::newSecurityContext)));
    onSerial(this::reconcileAccounts);
  }

  /** The Short Server ID of the server at {@code peer}, for requests it sends. */
  public OptionalInt ssidOf(InetSocketAddress peer) {
    for (RegistrationSession session : sessions.values()) {
      if (session.account().isAt(peer)) {
        return OptionalInt.of(session.account().shortServerId());
      }
    }
    return OptionalInt.empty();
  }

  /** The account of the server whose SMS number is {@code msisdn}, among those with a session. */
  public Optional<ServerAccount> accountWithSmsNumber(String msisdn) {
    return sessions.values().stream().map(RegistrationSession::account)
        .filter(account -> account.smsNumber().filter(msisdn::equals).isPresent()).findFirst();
  }

  /** The servers this client is registered with now, by Short Server ID, with their registration location. */
  public Map<Integer, String> registrations() {
    Map<Integer, String> registered = new HashMap<>();
    sessions.forEach((ssid, session) -> session.location().ifPresent(location -> registered.put(ssid, location)));
    return registered;
  }

  /** The channel to the server with {@code shortServerId}, while it has a session. */
  public Optional<CoapEndpoint> endpointOf(int shortServerId) {
    return Optional.ofNullable(sessions.get(shortServerId)).map(RegistrationSession::endpoint);
  }

  /** The accounts configured now. */
  public List<ServerAccount> accounts() {
    return sessions.values().stream().map(RegistrationSession::account).collect(Collectors.toList());
  }

  /** Registers in queue mode ({@code Q}): the client sleeps between exchanges and the server queues requests. */
  public void queueMode(boolean on) {
    requests.queueMode(on);
  }

  /**
   * Whether the client registered, or registers, in queue mode with any server: {@link
   * #queueMode(boolean)}, or a 1.0 binding with {@code Q}.
   */
  public boolean inQueueMode() {
    return requests.queueMode() || sessions.values().stream().anyMatch(session -> session.account().queueModeBinding());
  }

  /**
   * The client's own SMS number, sent as {@code sms=} in Register (and in Update when it changes)
   * to every server whose binding has {@code S}: where those servers reach it by SMS.
   */
  public void smsNumber(Optional<String> ownNumber) {
    requests.smsNumber(ownNumber);
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
    onSerial(this::reconcileAccounts);
  }

  /** True when every configured server has failed {@code attempts} times in a row, or none is configured. */
  public boolean allFailing(int attempts) {
    return sessions.values().stream().allMatch(session -> session.failingFor(attempts));
  }

  // ---- reacting to the tree and to the servers -------------------------------------------------

  @Override
  public void valuesChanged(Set<LwM2mPath> paths) {
    if (paths.stream().anyMatch(p -> p.objectId() == 0 || p.objectId() == 1)) {
      onSerial(this::reconcileAccounts);
    }
  }

  @Override
  public void instancesChanged() {
    onSerial(() -> {
      reconcileAccounts();
      sessions.values().forEach(RegistrationSession::updateIfChanged);
    });
  }

  /** Sends an Update to every server now (the console's {@code update}). */
  public void updateAll() {
    onSerial(() -> sessions.values().forEach(RegistrationSession::update));
  }

  /**
   * Registers again with every server now, as a device does after a reboot or a power cut: each
   * server replaces the registration. A Register or Update on the wire finishes first.
   */
  public void registerAgain() {
    onSerial(() -> sessions.values().forEach(RegistrationSession::registerAgainNow));
  }

  /** The Registration Update Trigger ({@code /1/x/8}): an Update to that server now. */
  public void triggerUpdate(int shortServerId) {
    onSerial(() -> Optional.ofNullable(sessions.get(shortServerId)).ifPresent(RegistrationSession::update));
  }

  /** Disable ({@code /1/x/4}): De-register from that server, wait its Disable Timeout, Register again. */
  public void disable(int shortServerId) {
    onSerial(() -> Optional.ofNullable(sessions.get(shortServerId)).ifPresent(RegistrationSession::disable));
  }

  /** Starts sessions for new accounts, refreshes changed ones, ends removed ones. */
  private void reconcileAccounts() {
    if (closed || suspended) {
      return;
    }
    Map<Integer, ServerAccount> current = new HashMap<>();
    for (ServerAccount account : ServerAccount.readFrom(tree)) {
      current.put(account.shortServerId(), account);
    }
    for (Integer ssid : new ArrayList<>(sessions.keySet())) {
      if (!current.containsKey(ssid)) {
        RegistrationSession gone = sessions.remove(ssid);
        gone.cancelTimer();
        gone.deregisterIfRegistered().whenComplete((r, e) -> endpoints.release(gone.account()));
      }
    }
    for (ServerAccount account : current.values()) {
      RegistrationSession session = sessions.get(account.shortServerId());
      if (session == null) {
        start(account);
      } else if (!session.account().uri().equals(account.uri()) || !session.account().credentials().equals(account.credentials())
          || session.account().overSms() != account.overSms()
          || (account.overSms() && !session.account().smsNumber().equals(account.smsNumber()))) {
        session.moveTo(account, endpoints.endpointFor(account));
      } else {
        session.refresh(account);
      }
    }
  }

  private void start(ServerAccount account) {
    if (!account.overSms() && !"coap".equals(account.uri().getScheme()) && !"coaps".equals(account.uri().getScheme())) {
      LOG.warn("server {} ({}): only coap://, coaps:// and SMS are supported; not registering", account.shortServerId(), account.uri());
      return;
    }
    CoapEndpoint channel;
    try {
      channel = endpoints.endpointFor(account);
    } catch (RuntimeException e) {
      LOG.warn("server {} ({}): cannot open its channel: {}; not registering", account.shortServerId(), account.uri(), e.getMessage());
      return;
    }
    RegistrationSession session = new RegistrationSession(context, account, channel);
    sessions.put(account.shortServerId(), session);
    session.register();
  }

  /**
   * Runs {@code work} on the serial executor. Once the engine has stopped there is nothing left to
   * do: a server action or tree change arriving then (the endpoint serves until it is closed) is
   * dropped, not an exception on its caller.
   */
  private void onSerial(Runnable work) {
    if (!closed) {
      context.serially(work);
    }
  }

  // ---- stopping ------------------------------------------------------------------------------

  /** Stops at once without de-registering, as a device that loses power: servers expire the registrations. */
  public void abandon() {
    closed = true;
    sessions.values().forEach(RegistrationSession::cancelTimer);
  }

  /**
   * Stops and de-registers from every server: completes when each has answered its De-register or
   * the exchange failed (a Register or Update still on the wire decides whether there is something
   * to end). On a virtual scheduler, advance its time for this to complete.
   */
  public CompletableFuture<Void> deregisterAll() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      context.serial().execute(() -> {
        closed = true;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        sessions.values().forEach(session -> pending.add(session.end()));
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).whenComplete((ok, failure) -> done.complete(null));
      });
    } catch (RejectedExecutionException stopped) {
      closed = true;
      done.complete(null);
    }
    return done;
  }

  /** De-registers from every server (waiting up to the request timeout) and stops. */
  @Override
  public void close() {
    try {
      deregisterAll().get(context.settings().requestTimeout().plus(Duration.ofSeconds(1)).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("de-registering at shutdown did not finish: {}", e.getMessage());
    } finally {
      abandon();
    }
  }
}
