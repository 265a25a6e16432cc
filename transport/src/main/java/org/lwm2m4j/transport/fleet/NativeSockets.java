package org.lwm2m4j.transport.fleet;

import static jdk.incubator.foreign.CLinker.C_INT;
import static jdk.incubator.foreign.CLinker.C_LONG;
import static jdk.incubator.foreign.CLinker.C_POINTER;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.ByteOrder;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;

/**
 * The few libc socket calls a fleet socket makes, bound once through the Foreign Function API, and
 * the Linux x86-64/aarch64 constants and structure offsets they take (both are LP64 with the same
 * layouts for these structures).
 */
final class NativeSockets {

  static final int AF_INET = 2;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int SOL_SOCKET = 1;
  static final int SO_REUSEADDR = 2;
  static final int SO_SNDBUF = 7;
  static final int SO_RCVBUF = 8;
  static final int SO_RCVTIMEO = 20;
  static final int IPPROTO_IP = 0;
  static final int IP_PKTINFO = 8;
  static final int SHUT_RDWR = 2;
  static final int MSG_TRUNC = 0x20;
  static final int MSG_WAITFORONE = 0x10000;
  static final int EBADF = 9;
  static final int EFAULT = 14;
  static final int EINVAL = 22;
  static final int ENOTSOCK = 88;

  /** struct sockaddr_in: family, port (network order), address (network order), 8 zero bytes. */
  static final int SOCKADDR_IN_SIZE = 16;
  /** struct msghdr: name, namelen, iov, iovlen, control, controllen, flags. */
  static final int MSGHDR_SIZE = 56;
  static final int MSG_NAME = 0;
  static final int MSG_NAMELEN = 8;
  static final int MSG_IOV = 16;
  static final int MSG_IOVLEN = 24;
  static final int MSG_CONTROL = 32;
  static final int MSG_CONTROLLEN = 40;
  static final int MSG_FLAGS = 48;
  /** struct mmsghdr: a msghdr, then the byte count the kernel fills in; padded to 64. */
  static final int MMSGHDR_SIZE = 64;
  static final int MMSG_LEN = 56;
  static final int IOVEC_SIZE = 16;
  /** CMSG_SPACE(sizeof(struct in_pktinfo)): a 16-byte cmsghdr and 12 bytes of data, aligned to 8. */
  static final int PKTINFO_CMSG_SPACE = 32;
  static final int PKTINFO_CMSG_LEN = 28;
  static final int CMSG_LEN = 0;
  static final int CMSG_LEVEL = 8;
  static final int CMSG_TYPE = 12;
  static final int CMSG_DATA = 16;
  /** struct in_pktinfo in the control data: ifindex, spec_dst (our source), addr (header destination). */
  static final int PKTINFO_SPEC_DST = 4;
  static final int PKTINFO_ADDR = 8;

  private final MethodHandle socket;
  private final MethodHandle setsockopt;
  private final MethodHandle bind;
  private final MethodHandle getsockname;
  private final MethodHandle sendmsg;
  private final MethodHandle recvmmsg;
  private final MethodHandle shutdown;
  private final MethodHandle close;
  private final MethodHandle errnoLocation;

  private NativeSockets(CLinker linker) {
    socket = bind(linker, "socket", MethodType.methodType(int.class, int.class, int.class, int.class),
        FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
    setsockopt = bind(linker, "setsockopt",
        MethodType.methodType(int.class, int.class, int.class, int.class, MemoryAddress.class, int.class),
        FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_POINTER, C_INT));
    bind = bind(linker, "bind", MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class),
        FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT));
    getsockname = bind(linker, "getsockname",
        MethodType.methodType(int.class, int.class, MemoryAddress.class, MemoryAddress.class),
        FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_POINTER));
    sendmsg = bind(linker, "sendmsg",
        MethodType.methodType(long.class, int.class, MemoryAddress.class, int.class),
        FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_INT));
    recvmmsg = bind(linker, "recvmmsg",
        MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class, int.class,
            MemoryAddress.class),
        FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT, C_INT, C_POINTER));
    shutdown = bind(linker, "shutdown", MethodType.methodType(int.class, int.class, int.class),
        FunctionDescriptor.of(C_INT, C_INT, C_INT));
    close = bind(linker, "close", MethodType.methodType(int.class, int.class),
        FunctionDescriptor.of(C_INT, C_INT));
    errnoLocation = bind(linker, "__errno_location", MethodType.methodType(MemoryAddress.class),
        FunctionDescriptor.of(C_POINTER));
  }

  /** Binds the calls, or says why this JVM or system cannot. */
  static NativeSockets load() {
    try {
      return new NativeSockets(CLinker.getInstance());
    } catch (IllegalCallerException e) {
      throw new FleetUnavailableException("native access is not enabled for this code", e);
    }
  }

  private static MethodHandle bind(CLinker linker, String name, MethodType type,
      FunctionDescriptor descriptor) {
    MemoryAddress symbol = CLinker.systemLookup().lookup(name)
        .orElseThrow(() -> new FleetUnavailableException("the C library has no " + name + "()"));
    return linker.downcallHandle(symbol, type, descriptor);
  }

  /**
   * Opens a UDP socket bound to {@code 0.0.0.0:port} (0 for any) that reports each datagram's
   * destination address, and returns its file descriptor.
   */
  int openBound(int port, int bufferBytes, int receiveTimeoutMillis) throws IOException {
    int fd = (int) call(socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw failure("socket()");
    }
    try (ResourceScope scope = ResourceScope.newConfinedScope()) {
      setInt(fd, SOL_SOCKET, SO_REUSEADDR, 1, scope, "SO_REUSEADDR");
      setInt(fd, IPPROTO_IP, IP_PKTINFO, 1, scope, "IP_PKTINFO");
      if (bufferBytes > 0) {
        setInt(fd, SOL_SOCKET, SO_RCVBUF, bufferBytes, scope, "SO_RCVBUF");
        setInt(fd, SOL_SOCKET, SO_SNDBUF, bufferBytes, scope, "SO_SNDBUF");
      }
      MemorySegment timeout = MemorySegment.allocateNative(16, 8, scope);
      MemoryAccess.setLongAtOffset(timeout, 0, receiveTimeoutMillis / 1000);
      MemoryAccess.setLongAtOffset(timeout, 8, (receiveTimeoutMillis % 1000) * 1000L);
      check((int) call(setsockopt, fd, SOL_SOCKET, SO_RCVTIMEO, timeout.address(), 16),
          "setsockopt(SO_RCVTIMEO)");
      MemorySegment address = MemorySegment.allocateNative(SOCKADDR_IN_SIZE, 8, scope);
      writeSockaddr(address, 0, 0, port);
      check((int) call(bind, fd, address.address(), SOCKADDR_IN_SIZE), "bind(0.0.0.0:" + port + ")");
      return fd;
    } catch (IOException | RuntimeException e) {
      close(fd);
      throw e;
    }
  }

  /** The port the socket is bound to. */
  int boundPort(int fd) throws IOException {
    try (ResourceScope scope = ResourceScope.newConfinedScope()) {
      MemorySegment address = MemorySegment.allocateNative(SOCKADDR_IN_SIZE, 8, scope);
      MemorySegment length = MemorySegment.allocateNative(4, 4, scope);
      MemoryAccess.setInt(length, SOCKADDR_IN_SIZE);
      check((int) call(getsockname, fd, address.address(), length.address()), "getsockname()");
      return Short.toUnsignedInt(MemoryAccess.getShortAtOffset(address, 2, ByteOrder.BIG_ENDIAN));
    }
  }

  private void setInt(int fd, int level, int option, int value, ResourceScope scope, String name)
      throws IOException {
    MemorySegment box = MemorySegment.allocateNative(4, 4, scope);
    MemoryAccess.setInt(box, value);
    check((int) call(setsockopt, fd, level, option, box.address(), 4), "setsockopt(" + name + ")");
  }

  /** Sends the message the header describes; the byte count, or -1 with errno set. */
  long sendmsg(int fd, MemoryAddress header) {
    try {
      return (long) sendmsg.invokeExact(fd, header, 0);
    } catch (Throwable e) {
      throw new IllegalStateException("sendmsg() could not be called", e);
    }
  }

  /** Receives up to {@code count} datagrams, blocking for the first; the count, or -1 with errno set. */
  int recvmmsg(int fd, MemoryAddress headers, int count) {
    try {
      return (int) recvmmsg.invokeExact(fd, headers, count, MSG_WAITFORONE, MemoryAddress.NULL);
    } catch (Throwable e) {
      throw new IllegalStateException("recvmmsg() could not be called", e);
    }
  }

  /** Wakes a thread blocked in recvmmsg on this socket; it then returns 0. */
  void shutdown(int fd) {
    call(shutdown, fd, SHUT_RDWR);
  }

  void close(int fd) {
    call(close, fd);
  }

  /**
   * The calling thread's errno. Read right after the failed call; the JDK 17 linker has no way to
   * capture it atomically, so a rare JVM-internal call in between could change it, which is why it
   * only ever picks between "retry" and "report".
   */
  int errno() {
    try {
      MemoryAddress location = (MemoryAddress) errnoLocation.invokeExact();
      return MemoryAccess.getInt(location.asSegment(4, ResourceScope.globalScope()));
    } catch (Throwable e) {
      throw new IllegalStateException("__errno_location() could not be called", e);
    }
  }

  /**
   * Whether a failed receive means the socket or our structures are broken, so retrying cannot
   * help. Anything else is retried: a wrong errno (see {@link #errno}) then costs a loop turn, not
   * the fleet.
   */
  static boolean isPermanent(int errno) {
    return errno == EBADF || errno == EFAULT || errno == EINVAL || errno == ENOTSOCK;
  }

  /** Writes a struct sockaddr_in for an IPv4 address and port given in host order. */
  static void writeSockaddr(MemorySegment segment, long offset, int address, int port) {
    MemoryAccess.setShortAtOffset(segment, offset, (short) AF_INET);
    MemoryAccess.setShortAtOffset(segment, offset + 2, ByteOrder.BIG_ENDIAN, (short) port);
    MemoryAccess.setIntAtOffset(segment, offset + 4, ByteOrder.BIG_ENDIAN, address);
    MemoryAccess.setLongAtOffset(segment, offset + 8, 0L);
  }

  private void check(int result, String what) throws IOException {
    if (result < 0) {
      throw failure(what);
    }
  }

  IOException failure(String what) {
    return new IOException(what + " failed: errno " + errno());
  }

  private static long call(MethodHandle handle, Object... arguments) {
    try {
      Object result = handle.invokeWithArguments(arguments);
      return ((Number) result).longValue();
    } catch (Throwable e) {
      throw new IllegalStateException(handle + " could not be called", e);
    }
  }
}
