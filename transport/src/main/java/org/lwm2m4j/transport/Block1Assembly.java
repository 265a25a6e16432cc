package org.lwm2m4j.transport;

import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.stack.AbstractLayer;
import org.eclipse.californium.core.network.stack.KeyUri;
import org.lwm2m4j.core.error.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layer of the CoAP stack that assembles block-wise request bodies (RFC 7959 Block1) before
 * Californium's block-wise layer sees them, so that Californium's never does.
 *
 * <p>Why not Californium's: its {@code Block1BlockwiseStatus} allocates the whole body buffer on
 * the first block — Size1 bytes when the block carries Size1, otherwise MAX_RESOURCE_BODY_SIZE
 * (16 MiB here, for firmware) — so every stranger's first 1 KB datagram without Size1 cost 16 MiB
 * of heap, and a Size1 of 0 threw from the buffer's constructor (no answer, a stack trace in the
 * log). Californium offers no hook to size that buffer by the data, so this layer, placed just
 * above reliability and below Californium's block-wise layer, takes every request with a Block1
 * option: {@link Block1Bodies} keeps the blocks as they come, counted per peer and in total by a
 * {@link BodyBudget}, and drops bodies left idle. It answers intermediate blocks with 2.31
 * Continue and refusals with their code (one INFO line each); the last block goes up as one request
 * with the whole body, and Californium's block-wise layer acknowledges its Block1 in the
 * response, as for the bodies it assembles itself. Block2 (responses, the server's {@code /fw/}
 * downloads) and outgoing Block1 (firmware pushed to a device) stay with Californium.
 */
final class Block1Assembly extends AbstractLayer {
  private static final Logger LOG = LoggerFactory.getLogger(Block1Assembly.class);

  private final Block1Bodies<OptionSet> bodies;
  private final int preferredSzx;
  private final long sweepMillis;
  private ScheduledFuture<?> sweep;

  /**
   * @param preferredBlockSize the block size to ask peers for when they send larger blocks
   * @param sweepMillis how often idle bodies are looked for
   */
  Block1Assembly(Block1Bodies<OptionSet> bodies, int preferredBlockSize, long sweepMillis) {
    this.bodies = bodies;
    this.preferredSzx = BlockOption.size2Szx(preferredBlockSize);
    this.sweepMillis = sweepMillis;
  }

  @Override
  public void start() {
    if (sweep == null) {
      sweep = secondaryExecutor.scheduleWithFixedDelay(this::dropIdle, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void destroy() {
    if (sweep != null) {
      sweep.cancel(false);
      sweep = null;
    }
    bodies.clear();
  }

  private void dropIdle() {
    int dropped = bodies.dropIdle();
    if (dropped > 0) {
      LOG.debug("dropped {} block-wise request bodies that waited too long for their next block", dropped);
    }
  }

  @Override
  public void receiveRequest(Exchange exchange, Request request) {
    BlockOption block1 = request.getOptions().getBlock1();
    if (block1 == null) {
      super.receiveRequest(exchange, request);
      return;
    }
    if (block1.getSzx() == BlockOption.BERT_SZX) {
      refuse(exchange, request, new Block1Bodies.Refused<>(ResponseCode.BAD_REQUEST,
          "Block1 SZX 7 (BERT) is for CoAP over TCP", OptionalLong.empty()));
      return;
    }
    OptionSet options = request.getOptions();
    OptionalLong declared = options.hasSize1() ? OptionalLong.of(Integer.toUnsignedLong(options.getSize1())) : OptionalLong.empty();
    Block1Bodies.Block block = new Block1Bodies.Block(block1.getOffset(), block1.getSize(), block1.isM(), declared,
        options.getContentFormat());
    Block1Bodies.Outcome<OptionSet> outcome = bodies.receive(KeyUri.getKey(exchange), exchange.getPeersIdentity(), block,
        request.getPayload(), () -> new OptionSet(options));
    if (outcome instanceof Block1Bodies.Continue) {
      Response next = new Response(CoAP.ResponseCode.CONTINUE);
      next.setDestinationContext(request.getSourceContext());
      next.getOptions().setBlock1(smallerIfPreferred(block1));
      sendResponse(exchange, next);
    } else if (outcome instanceof Block1Bodies.Complete<OptionSet> complete) {
      deliver(exchange, request, block1, complete);
    } else {
      refuse(exchange, request, (Block1Bodies.Refused<OptionSet>) outcome);
    }
  }

  /** Hands the whole body up as one request, answered with the last block's Block1 (RFC 7959 §2.3). */
  private void deliver(Exchange exchange, Request last, BlockOption block1, Block1Bodies.Complete<OptionSet> complete) {
    Request whole = new Request(last.getCode(), last.getType());
    whole.setOptions(complete.head());
    whole.getOptions().removeBlock1().removeSize1().setBlock2(last.getOptions().getBlock2());
    whole.setSourceContext(last.getSourceContext());
    whole.setLocalAddress(last.getLocalAddress());
    whole.setScheme(last.getScheme());
    whole.setMID(last.getMID());
    whole.setToken(last.getToken());
    whole.setNanoTimestamp(last.getNanoTimestamp());
    byte[] body = complete.body();
    if (body.length > 0) {
      if (!whole.isIntendedPayload()) {
        whole.setUnintendedPayload();
      }
      whole.setPayload(body);
    }
    exchange.setBlock1ToAck(block1);
    exchange.setRequest(whole);
    super.receiveRequest(exchange, whole);
  }

  private void refuse(Exchange exchange, Request request, Block1Bodies.Refused<OptionSet> refused) {
    LOG.info("{} {} from {}: {} {}", request.getCode(), uri(request), request.getSourceContext().getPeerAddress(),
        refused.code(), refused.reason());
    Response answer = new Response(CoAP.ResponseCode.valueOf(refused.code().value()));
    answer.setDestinationContext(request.getSourceContext());
    answer.setPayload(refused.reason());
    refused.size1().ifPresent(size -> answer.getOptions().setSize1((int) Math.min(size, 0xFFFFFFFFL)));
    sendResponse(exchange, answer);
  }

  /** The block acknowledged in the preferred size when the peer's is larger: it goes on in smaller blocks. */
  private BlockOption smallerIfPreferred(BlockOption block) {
    if (block.getSzx() <= preferredSzx) {
      return block;
    }
    return new BlockOption(preferredSzx, block.isM(), block.getOffset() / BlockOption.szx2Size(preferredSzx));
  }

  private static String uri(Request request) {
    return "/" + request.getOptions().getUriPathString();
  }
}
