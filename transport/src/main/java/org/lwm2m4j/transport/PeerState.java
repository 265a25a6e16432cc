package org.lwm2m4j.transport;

import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.ExtendedCoapStackFactory;
import org.eclipse.californium.core.network.InMemoryMessageExchangeStore;
import org.eclipse.californium.core.network.Outbox;
import org.eclipse.californium.core.network.TokenGenerator;
import org.eclipse.californium.core.network.stack.BaseCoapStack;
import org.eclipse.californium.core.network.stack.BlockwiseLayer;
import org.eclipse.californium.core.network.stack.CongestionControlLayer;
import org.eclipse.californium.core.network.stack.CoapStack;
import org.eclipse.californium.core.network.stack.ExchangeCleanupLayer;
import org.eclipse.californium.core.network.stack.Layer;
import org.eclipse.californium.core.network.stack.ObserveLayer;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The state peers make one endpoint keep, bounded by the endpoint's {@link InboundLimits}: the
 * block-wise request bodies being received ({@link Block1Assembly} in the CoAP stack), the
 * messages remembered for deduplication ({@link BoundedDeduplicator} in the exchange store) and,
 * on UDP, the piggybacked answers remembered to answer retransmissions ({@link
 * AnsweredRequestsConnector} around the socket).
 * {@link #install} puts both into Californium's endpoint builder; the counts let tests and
 * operators see that the state stays bounded. One per endpoint; thread-safe.
 */
final class PeerState {
  private final Block1Bodies<OptionSet> bodies;
  private final BoundedDeduplicator deduplicator;
  private final InMemoryMessageExchangeStore exchangeStore;
  private final int preferredBlockSize;
  private final long bodySweepMillis;
  private final BlockProgressLayer progress = new BlockProgressLayer();
  private final int answerCapacity;
  private final long exchangeLifetimeMillis;
  private volatile AnsweredRequestsConnector answers;

  private PeerState(Block1Bodies<OptionSet> bodies, BoundedDeduplicator deduplicator,
      InMemoryMessageExchangeStore exchangeStore, int preferredBlockSize, long bodySweepMillis, int answerCapacity,
      long exchangeLifetimeMillis) {
    this.bodies = bodies;
    this.deduplicator = deduplicator;
    this.exchangeStore = exchangeStore;
    this.preferredBlockSize = preferredBlockSize;
    this.bodySweepMillis = bodySweepMillis;
    this.answerCapacity = answerCapacity;
    this.exchangeLifetimeMillis = exchangeLifetimeMillis;
  }

  /** The bounded state for an endpoint with {@code settings}; {@code config} gives the CoAP timing. */
  static PeerState create(CoapSettings settings, Configuration config, TokenGenerator tokens) {
    InboundLimits limits = settings.inbound();
    Block1Bodies<OptionSet> bodies = new Block1Bodies<>(new BodyBudget(limits.bodyBytesPerPeer(), limits.bodyBytesTotal()),
        settings.maxBodySize(), limits.transferIdleTimeout(), System::nanoTime);
    BoundedDeduplicator deduplicator = new BoundedDeduplicator(limits.rememberedMessagesPerPeer(),
        limits.rememberedMessagesTotal(), config.get(CoapConfig.EXCHANGE_LIFETIME, TimeUnit.MILLISECONDS),
        config.get(CoapConfig.MARK_AND_SWEEP_INTERVAL, TimeUnit.MILLISECONDS),
        config.get(CoapConfig.DEDUPLICATOR_AUTO_REPLACE), System::nanoTime);
    InMemoryMessageExchangeStore exchangeStore = new InMemoryMessageExchangeStore(config, tokens);
    exchangeStore.setDeduplicator(deduplicator);
    // Idle bodies are looked for a few times per timeout, at most every 5 s.
    long sweepMillis = Math.max(10, Math.min(5_000, limits.transferIdleTimeout().toMillis() / 4));
    return new PeerState(bodies, deduplicator, exchangeStore, config.get(CoapConfig.PREFERRED_BLOCK_SIZE), sweepMillis,
        InboundLimits.ANSWERS_PER_REMEMBERED_MESSAGE * limits.rememberedMessagesTotal(),
        config.get(CoapConfig.EXCHANGE_LIFETIME, TimeUnit.MILLISECONDS));
  }

  /**
   * {@code udp}, answering retransmitted requests from the bytes of their piggybacked answers, so
   * that the deduplicator can let go of those exchanges at once ({@link AnsweredRequestsConnector}).
   */
  Connector answering(Connector udp) {
    AnsweredRequestsConnector connector = new AnsweredRequestsConnector(udp, deduplicator, answerCapacity,
        exchangeLifetimeMillis, System::nanoTime);
    answers = connector;
    return connector;
  }

  /** How many piggybacked answers are remembered to answer retransmissions with (0 without {@link #answering}). */
  int rememberedAnswers() {
    AnsweredRequestsConnector connector = answers;
    return connector == null ? 0 : connector.size();
  }

  /** The layer reporting block-wise progress, between Californium's block-wise layer and ours. */
  BlockProgressLayer progress() {
    return progress;
  }

  /** Makes the endpoint built by {@code builder} keep its peers' state here. */
  CoapEndpoint.Builder install(CoapEndpoint.Builder builder) {
    return builder.setMessageExchangeStore(exchangeStore).setCoapStackFactory(new StackFactory());
  }

  /** How many block-wise request bodies are being received. */
  int bodiesInProgress() {
    return bodies.inProgress();
  }

  /** The bytes unfinished block-wise request bodies hold, overhead included. */
  long bodyBytesHeld() {
    return bodies.heldBytes();
  }

  /** How many received messages are remembered for deduplication. */
  int rememberedMessages() {
    return deduplicator.size();
  }

  /** How many remembered messages were forgotten before their lifetime because a cap was reached. */
  long forgottenEarly() {
    return deduplicator.forgottenEarly();
  }

  /**
   * Californium's UDP stack (CoapUdpStack's layers, top to bottom) with our Block1 assembly
   * between its block-wise layer and reliability.
   */
  private final class StackFactory implements ExtendedCoapStackFactory {
    @Override
    public CoapStack createCoapStack(String protocol, String tag, Configuration config,
        EndpointContextMatcher matchingStrategy, Outbox outbox, Object customStackArgument) {
      if (CoAP.isTcpProtocol(protocol)) {
        throw new IllegalArgumentException("CoAP over TCP is not supported, got " + protocol);
      }
      return new UdpStack(outbox, new Layer[] {
          new ExchangeCleanupLayer(config),
          new ObserveLayer(config),
          new BlockwiseLayer(tag, false, config, matchingStrategy),
          progress,
          new Block1Assembly(bodies, preferredBlockSize, bodySweepMillis),
          CongestionControlLayer.newImplementation(tag, config)});
    }

    @Override
    @SuppressWarnings("deprecation")
    public CoapStack createCoapStack(String protocol, String tag, Configuration config, Outbox outbox,
        Object customStackArgument) {
      return createCoapStack(protocol, tag, config, null, outbox, customStackArgument);
    }
  }

  /** A stack of the given layers, top to bottom. */
  private static final class UdpStack extends BaseCoapStack {
    UdpStack(Outbox outbox, Layer[] layers) {
      super(outbox);
      setLayers(layers);
    }
  }
}
