package org.lwm2m4j.transport.sms;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SessionStateListener;
import org.lwm2m4j.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMPP session to the SMSC, kept bound: binds as transceiver with {@code address_range} = the own
 * number, and when the SMSC is away at start or the session drops, binds again after a wait that
 * doubles from {@code rebindFirst} up to {@code rebindMax}, on the scheduler. Logs once per change
 * of state (bound, lost, unreachable), not once per attempt.
 *
 * <p>Thread-safe. A bind attempt runs on a scheduler thread and blocks it for the TCP connect and
 * the {@code bind_resp}, each bounded by {@link #BIND_TIMEOUT}.
 */
final class SmscLink implements SessionStateListener {
  private static final Logger LOG = LoggerFactory.getLogger(SmscLink.class);
  /** How long the SMSC may take to answer a bind. */
  static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

  private enum Status { STARTING, BOUND, DOWN }

  private final SmppSettings settings;
  private final Scheduler scheduler;
  private final MessageReceiverListener receiver;
  private final Runnable onBound;
  private SubmitSession current;
  private Status status = Status.STARTING;
  private Duration backoff;
  private long downSince;
  private Scheduler.Task retry;
  private boolean closed;

  SmscLink(SmppSettings settings, Scheduler scheduler, MessageReceiverListener receiver, Runnable onBound) {
    this.settings = settings;
    this.scheduler = scheduler;
    this.receiver = receiver;
    this.onBound = onBound;
    this.backoff = settings.rebindFirst();
    this.downSince = scheduler.nanoTime();
  }

  /** Starts binding, without waiting for it. */
  void start() {
    scheduler.execute(this::bind);
  }

  /** The bound session, or empty while there is none. */
  synchronized Optional<SubmitSession> bound() {
    return current != null && current.getSessionState().isBound() ? Optional.of(current) : Optional.empty();
  }

  /** How long there has been no bound session; zero while bound. */
  synchronized Duration down() {
    return status == Status.BOUND ? Duration.ZERO : Duration.ofNanos(scheduler.nanoTime() - downSince);
  }

  /** Unbinds and stops binding again. */
  void close() {
    SubmitSession session;
    synchronized (this) {
      closed = true;
      if (retry != null) {
        retry.cancel();
      }
      session = current;
      current = null;
    }
    if (session != null) {
      session.removeSessionStateListener(this);
      session.unbindAndClose();
      session.failInFlight("the SMS network is closed");
    }
  }

  @Override
  public void onStateChange(SessionState newState, SessionState oldState, Session source) {
    if (newState != SessionState.CLOSED) {
      return;
    }
    SubmitSession lost;
    synchronized (this) {
      if (closed || source != current) {
        return;
      }
      lost = current;
      current = null;
      status = Status.DOWN;
      downSince = scheduler.nanoTime();
      backoff = settings.rebindFirst();
      LOG.warn("lost the SMPP session to the SMSC at {}:{}; binding again in {} ms", settings.host(), settings.port(),
          backoff.toMillis());
      retry = scheduler.schedule(backoff, this::bind);
    }
    lost.failInFlight("the SMPP session to the SMSC closed");
  }

  private void bind() {
    synchronized (this) {
      if (closed || current != null) {
        return;
      }
    }
    SubmitSession session = new SubmitSession(BIND_TIMEOUT);
    session.setEnquireLinkTimer((int) Math.min(Integer.MAX_VALUE, settings.enquireLink().toMillis()));
    session.setTransactionTimer(SubmitWindow.SUBMIT_RESPONSE_TIMEOUT.toMillis());
    session.setMessageReceiverListener(receiver);
    try {
      session.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX,
          settings.systemId(), settings.password(), settings.systemType(), TypeOfNumber.INTERNATIONAL,
          NumberingPlanIndicator.ISDN, settings.ownNumber()), BIND_TIMEOUT.toMillis());
    } catch (IOException | RuntimeException e) {
      failed(e);
      return;
    }
    synchronized (this) {
      if (closed) {
        session.unbindAndClose();
        return;
      }
      current = session;
      session.addSessionStateListener(this);
      if (!session.getSessionState().isBound()) {
        // it closed between the bind and the listener: nobody else will notice
        onStateChange(SessionState.CLOSED, SessionState.BOUND_TRX, session);
        return;
      }
      status = Status.BOUND;
      backoff = settings.rebindFirst();
    }
    LOG.info("bound to the SMSC at {}:{} as {} (system-id {})", settings.host(), settings.port(), settings.ownNumber(),
        settings.systemId());
    onBound.run();
  }

  private synchronized void failed(Exception e) {
    if (closed) {
      return;
    }
    if (status != Status.DOWN) {
      LOG.warn("cannot bind to the SMSC at {}:{} as {}: {}; trying again every {} ms at most", settings.host(),
          settings.port(), settings.ownNumber(), e.getMessage(), settings.rebindMax().toMillis());
      status = Status.DOWN;
    } else {
      LOG.debug("cannot bind to the SMSC at {}:{}: {}", settings.host(), settings.port(), e.getMessage());
    }
    Duration wait = backoff;
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(settings.rebindMax()) > 0 ? settings.rebindMax() : doubled;
    retry = scheduler.schedule(wait, this::bind);
  }
}
