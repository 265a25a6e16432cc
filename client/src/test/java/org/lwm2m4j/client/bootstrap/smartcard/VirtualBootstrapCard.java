package org.lwm2m4j.client.bootstrap.smartcard;

import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A card for vpcd, the virtual reader driver of vsmartcard: connects to the driver's TCP port as
 * the card and answers it with the layout of docs/smartcard.md from a byte array. vpcd frames every
 * message with a 2-byte big-endian length; a 1-byte message is a control command (0 power off,
 * 1 power on, 2 reset, 4 get ATR — only the last is answered), anything longer is a command APDU
 * answered with a response APDU.
 *
 * <p>Serves on one daemon thread until {@link #close()}, which closes the socket (vpcd then
 * reports the card removed) and waits a bounded time for the thread.
 */
final class VirtualBootstrapCard implements AutoCloseable {
  /** vpcd's first slot ("Virtual PCD 00 00"); see /etc/reader.conf.d/vpcd, CHANNELID 0x8C7B. */
  static final int VPCD_PORT = 35963;

  /** Direct convention, no historical bytes, offers T=0 then T=1. */
  static final byte[] ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};

  private static final int CTRL_ATR = 0x04;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Socket socket;
  private final Thread server;
  private final List<byte[]> commands = new CopyOnWriteArrayList<>();
  private volatile Optional<byte[]> file;
  private boolean selected;

  private VirtualBootstrapCard(Socket socket, Optional<byte[]> file) {
    this.socket = socket;
    this.file = file.map(byte[]::clone);
    this.server = new Thread(this::serve, "virtual-bootstrap-card");
    server.setDaemon(true);
  }

  /** A card with the bootstrap applet holding {@code file}, inserted into vpcd's first slot. */
  static VirtualBootstrapCard holding(byte[] file) throws IOException {
    return insert(Optional.of(file));
  }

  /** A card without the bootstrap applet (SELECT answers 6A 82). */
  static VirtualBootstrapCard withoutApplet() throws IOException {
    return insert(Optional.empty());
  }

  private static VirtualBootstrapCard insert(Optional<byte[]> file) throws IOException {
    Socket socket;
    try {
      // vpcd may still be starting: poll until it accepts the connection
      socket = await().atMost(CONNECT_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .until(VirtualBootstrapCard::connect, Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new IOException("vpcd does not listen on 127.0.0.1:" + VPCD_PORT
          + "; is pcscd running with the vsmartcard-vpcd driver?", e);
    }
    VirtualBootstrapCard card = new VirtualBootstrapCard(socket, file);
    card.server.start();
    return card;
  }

  /** A connection to vpcd, or none if it does not listen (yet). */
  private static Optional<Socket> connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", VPCD_PORT), 2000);
      socket.setTcpNoDelay(true);
      return Optional.of(socket);
    } catch (ConnectException e) {
      socket.close();
      return Optional.empty();
    }
  }

  /** Rewrites the applet's file in place, as an over-the-air update of the card would. */
  void replaceFile(byte[] newFile) {
    file = Optional.of(newFile.clone());
  }

  /** Every command APDU received so far, in order. */
  List<byte[]> commands() {
    return List.copyOf(commands);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      server.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve() {
    try (DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      while (true) {
        byte[] message = new byte[in.readUnsignedShort()];
        in.readFully(message);
        if (message.length == 1) {
          if (message[0] == CTRL_ATR) {
            send(out, ATR);
          } else {
            selected = false; // power off, power on and reset all end the selection
          }
        } else {
          commands.add(message);
          send(out, respond(message));
        }
      }
    } catch (EOFException | SocketException e) {
      // vpcd closed the connection, or close() did: the card is out.
    } catch (IOException e) {
      throw new IllegalStateException("virtual card I/O failed", e);
    }
  }

  private static void send(DataOutputStream out, byte[] payload) throws IOException {
    out.writeShort(payload.length);
    out.write(payload);
    out.flush();
  }

  private byte[] respond(byte[] apdu) {
    if (apdu.length < 4) {
      return sw(0x6700);
    }
    if (apdu[0] != 0x00) {
      return sw(0x6E00);
    }
    int ins = apdu[1] & 0xFF;
    if (ins == 0xA4) {
      return select(apdu);
    }
    if (ins == 0xB0) {
      return readBinary(apdu);
    }
    return sw(0x6D00);
  }

  private byte[] select(byte[] apdu) {
    if (apdu[2] != 0x04 || apdu.length < 5) {
      return sw(0x6A86);
    }
    int lc = apdu[4] & 0xFF;
    if (apdu.length < 5 + lc) {
      return sw(0x6700);
    }
    byte[] aid = Arrays.copyOfRange(apdu, 5, 5 + lc);
    selected = file.isPresent() && Arrays.equals(aid, BootstrapApplet.AID);
    return sw(selected ? 0x9000 : 0x6A82);
  }

  private byte[] readBinary(byte[] apdu) {
    Optional<byte[]> current = file;
    if (!selected || current.isEmpty()) {
      return sw(0x6986);
    }
    if ((apdu[2] & 0x80) != 0 || apdu.length != 5) {
      return sw(0x6A86);
    }
    int offset = ((apdu[2] & 0xFF) << 8) | (apdu[3] & 0xFF);
    int le = apdu[4] == 0 ? 256 : apdu[4] & 0xFF;
    byte[] content = current.get();
    if (offset >= content.length) {
      return sw(0x6B00);
    }
    int n = Math.min(le, content.length - offset);
    byte[] response = Arrays.copyOfRange(content, offset, offset + n + 2);
    response[n] = (byte) 0x90;
    response[n + 1] = 0x00;
    return response;
  }

  private static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >>> 8), (byte) sw};
  }
}
