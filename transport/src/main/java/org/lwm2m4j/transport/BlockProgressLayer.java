package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.stack.AbstractLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layer just below Californium's block-wise layer, where each block passes on its own: it
 * reports the progress of block-wise bodies (see {@link BlockProgress}) to listeners and passes
 * every message on unchanged. Californium slices the bodies above it and offers no progress of its
 * own, which firmware transfers of hundreds of blocks need to show. Listeners run on the
 * transport's threads and must hand work off.
 */
final class BlockProgressLayer extends AbstractLayer {
  private static final Logger LOG = LoggerFactory.getLogger(BlockProgressLayer.class);

  private final List<Consumer<BlockProgress>> listeners = new CopyOnWriteArrayList<>();

  void addListener(Consumer<BlockProgress> listener) {
    listeners.add(listener);
  }

  @Override
  public void receiveResponse(Exchange exchange, Response response) {
    // a success answering one of our blocks acknowledges it (2.31 Continue, or the final code)
    Request block = exchange.getCurrentRequest();
    BlockOption sent = block == null ? null : block.getOptions().getBlock1();
    if (sent != null && response.isSuccess() && !listeners.isEmpty() && block.getDestinationContext() != null) {
      report(new BlockProgress(block.getDestinationContext().getPeerAddress(), block.getOptions().getUriPath(),
          BlockProgress.Direction.REQUEST_SENT, sent.getOffset() + block.getPayloadSize(), !sent.isM()));
    }
    super.receiveResponse(exchange, response);
  }

  @Override
  public void sendResponse(Exchange exchange, Response response) {
    BlockOption served = response.getOptions().getBlock2();
    Request request = exchange.getRequest();
    if (served != null && response.isSuccess() && !listeners.isEmpty() && request.getSourceContext() != null) {
      InetSocketAddress peer = request.getSourceContext().getPeerAddress();
      report(new BlockProgress(peer, request.getOptions().getUriPath(), BlockProgress.Direction.RESPONSE_SERVED,
          served.getOffset() + response.getPayloadSize(), !served.isM()));
    }
    super.sendResponse(exchange, response);
  }

  private void report(BlockProgress progress) {
    for (Consumer<BlockProgress> listener : listeners) {
      try {
        listener.accept(progress);
      } catch (RuntimeException e) {
        // a listener's fault must not cost the transfer its block
        LOG.warn("a block progress listener failed on {}: {}", progress, e.toString());
      }
    }
  }
}
