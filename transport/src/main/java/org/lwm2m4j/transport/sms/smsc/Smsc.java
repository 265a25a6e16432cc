package org.lwm2m4j.transport.sms.smsc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.session.SessionStateListener;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.lwm2m4j.transport.sms.BoundedPduReader;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMPP 3.4 SMSC simulator for development and tests. ESMEs bind (transceiver, transmitter or
 * receiver) with their own MSISDN as {@code address_range}; each {@code submit_sm} is answered with
 * a message id at once and then delivered unchanged (data coding, UDH indicator, bytes) as a {@code
 * deliver_sm} to the ESME bound for its {@code destination_addr}, or kept until one binds, for at
 * most the store time. Loss, duplication and delay follow the {@link SmscSettings}; delivery
 * receipts are sent when asked for. Every SMS is one INFO line on {@code org.lwm2m4j.smsc} and one
 * or more {@link SmsRecord}s in {@link #log()}.
 *
 * <pre>{@code
 * try (Smsc smsc = Smsc.start(SmscSettings.DEFAULTS.withPort(0))) {
 *   int port = smsc.port();   // ESMEs connect to 127.0.0.1:port
 * }
 * }</pre>
 *
 * <p>Thread-safe. Runs on threads of its own (an acceptor, workers for binds and deliveries, a
 * timer, and jSMPP's per-session threads) until {@link #close()}, which drops every session at once,
 * as an SMSC that goes away would.
 */
public final class Smsc implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmscLog.LOGGER);
  /** The system_id the SMSC answers binds with. */
  static final String SYSTEM_ID = "lwm2m4j-smsc";
  /** esm_class: the user data starts with a user data header. */
  static final byte ESM_CLASS_UDHI = 0x40;
  /** esm_class: the GSM network specific features, UDHI and reply path. */
  static final byte ESM_CLASS_GSM_FEATURES = (byte) 0xC0;
  /** esm_class of a deliver_sm that is an SMSC delivery receipt. */
  static final byte ESM_CLASS_DELIVERY_RECEIPT = 0x04;
  /** How long a connection may wait before it binds. */
  private static final Duration BIND_WAIT = Duration.ofSeconds(10);
  /** jSMPP's threads per session for the PDUs it receives, and how many may wait: its defaults. */
  private static final int PDU_THREADS = 3;
  private static final int PDU_QUEUE = 100;
  /** How long a refused ESME may keep its connection before the SMSC closes it. */
  private static final Duration REFUSED_LINGER = Duration.ofSeconds(5);

  private final SmscSettings settings;
  private final ServerSocket socket;
  private final SessionStateListener stateListener;
  private final SubmitReceiver receiver;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final EsmeDirectory directory = new EsmeDirectory();
  private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
  private final SmscLog log = new SmscLog();
  private final SmsRouter router;
  private final Thread acceptor;
  private volatile boolean closed;

  private Smsc(SmscSettings settings, ServerSocket socket) {
    this.settings = settings;
    this.socket = socket;
    AtomicInteger workerCount = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(task -> daemon(task, "smsc-worker-" + workerCount.incrementAndGet()));
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "smsc-timer"));
    Clock clock = Clock.systemUTC();
    this.router = new SmsRouter(settings, directory, log, timer, workers, clock);
    this.receiver = new SubmitReceiver(directory, router, log, clock);
    this.stateListener = (now, before, source) -> {
      if (!now.isBound() && source instanceof SMPPServerSession session) {
        directory.remove(session);
        if (!now.isNotClosed()) {
          sessions.remove(session);
        }
      }
    };
    this.acceptor = daemon(this::acceptAll, "smsc-acceptor");
  }

  /**
   * Starts an SMSC listening as {@code settings} say.
   *
   * @throws IOException if it cannot listen there (the port is taken, the host is not local)
   */
  public static Smsc start(SmscSettings settings) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()));
      Smsc smsc = new Smsc(settings, socket);
      smsc.acceptor.start();
      return smsc;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The TCP port it listens on (the free one chosen when the settings said 0). */
  public int port() {
    return socket.getLocalPort();
  }

  /** The settings it runs with. */
  public SmscSettings settings() {
    return settings;
  }

  /** What became of every SMS so far, oldest first: a snapshot that later SMS do not change. */
  public List<SmsRecord> log() {
    return log.snapshot();
  }

  /** Stops listening, drops every session without unbinding, and forgets the SMS it stored. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing the SMSC's listening socket: {}", e.getMessage());
    }
    sessions.forEach(SMPPServerSession::close);
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      acceptor.join(BIND_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptAll() {
    while (!closed) {
      SMPPServerSession session;
      try {
        session = accept();
      } catch (IOException e) {
        if (!closed && !socket.isClosed()) {
          LOG.warn("SMSC: accepting a connection failed: {}", e.getMessage());
          continue;
        }
        return;
      }
      sessions.add(session);
      try {
        workers.execute(() -> bind(session));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        session.close(); // closing
      }
    }
  }

  /** The next connection as a session in state OPEN (it reads nothing until it waits for its bind). */
  private SMPPServerSession accept() throws IOException {
    Connection connection = new SocketConnection(socket.accept());
    // until bound (jSMPP then reads with its enquire_link timer): silent this long, it gets an enquire_link
    connection.setSoTimeout((int) BIND_WAIT.toMillis());
    return new SMPPServerSession(connection, stateListener, receiver, receiver, PDU_THREADS, PDU_QUEUE,
        new SynchronizedPDUSender(new DefaultPDUSender()), new BoundedPduReader());
  }

  private void bind(SMPPServerSession session) {
    String peer = session.getInetAddress().getHostAddress() + ":" + session.getPort();
    BindRequest request;
    try {
      request = session.waitForBind(BIND_WAIT.toMillis());
    } catch (TimeoutException e) {
      LOG.info("SMSC: {} sent no bind in {} s; closed", peer, BIND_WAIT.toSeconds());
      return;
    } catch (RuntimeException e) {
      LOG.info("SMSC: {} closed before binding: {}", peer, e.getMessage());
      session.close();
      return;
    }
    try {
      Optional<Integer> refusal = refusal(request);
      if (refusal.isPresent()) {
        LOG.info("SMSC: refused the bind of system_id '{}' from {}: {}", request.getSystemId(), peer,
            refusal.get() == SMPPConstant.STAT_ESME_RINVSYSID ? "wrong system_id" : "wrong password");
        request.reject(refusal.get());
        // the ESME hangs up on the refusal; closing at once would lose it (jSMPP drops a response read
        // just before the connection ends), so close only a connection that lingers
        timer.schedule(session::close, REFUSED_LINGER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return;
      }
      Optional<String> msisdn = msisdn(request.getAddressRange());
      if (msisdn.isEmpty() && request.getAddressRange() != null && !request.getAddressRange().isEmpty()) {
        LOG.warn("SMSC: bind address_range '{}' of {} is not one MSISDN; its number is learnt from its first submit_sm",
            request.getAddressRange(), peer);
      }
      directory.add(session, msisdn);
      request.accept(SYSTEM_ID);
      LOG.info("SMSC: ESME '{}' from {} bound as {} for {}", request.getSystemId(), peer, request.getBindType(),
          msisdn.orElse("(number from its first submit_sm)"));
      if (session.getSessionState().isReceivable()) {
        msisdn.ifPresent(router::bound);
      }
    } catch (IOException | PDUStringException | IllegalStateException e) {
      LOG.info("SMSC: answering the bind from {} failed: {}", peer, e.getMessage());
      directory.remove(session);
      session.close();
    }
  }

  private Optional<Integer> refusal(BindRequest request) {
    if (settings.systemId().isPresent() && !settings.systemId().get().equals(request.getSystemId())) {
      return Optional.of(SMPPConstant.STAT_ESME_RINVSYSID);
    }
    if (settings.password().isPresent() && !settings.password().get().equals(request.getPassword())) {
      return Optional.of(SMPPConstant.STAT_ESME_RINVPASWD);
    }
    return Optional.empty();
  }

  /** {@code address} as an MSISDN without {@code +}, or empty when it is none (blank, a pattern). */
  static Optional<String> msisdn(String address) {
    if (address == null || address.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SmsAddress.normalize(address));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
