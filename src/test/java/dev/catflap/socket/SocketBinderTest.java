package dev.catflap.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import dev.catflap.posix.Descriptors;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FakePosix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.SocketAddressCodec;
import dev.catflap.posix.Sockets;
import dev.catflap.posix.UnusedFileAccess;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The socket binder against fake system calls: what it asks of the kernel, in which order, and what it says when that fails. */
class SocketBinderTest {
    private static final int BACKLOG = 128;

    private final FakeSystem system = new FakeSystem();
    private final SocketBinder binder = new SocketBinder(FakePosix.with().sockets(system).descriptors(system).files(system).build());

    @Test
    void bindsEachSocketInOrderAndSaysWhereItListens() {
        List<BoundSocket> bound = binder.bindAll(specs("127.0.0.1:0", "udp://[::1]:5353", "unix:@name"), BACKLOG);
        assertEquals(List.of("127.0.0.1:40000", "udp://[::1]:5353", "unix:@name"), bound.stream().map(BoundSocket::address).toList());
        assertEquals(List.of(3, 4, 5), bound.stream().map(BoundSocket::fd).toList());
        assertEquals(List.of(
                "socket inet stream", "setsockopt 3 reuseaddr", "bind 3 127.0.0.1:0", "listen 3 128", "getsockname 3",
                "socket inet6 datagram", "setsockopt 4 v6only", "bind 4 [::1]:5353", "getsockname 4",
                "socket unix stream", "bind 5 unix:@name", "listen 5 128", "getsockname 5"), system.calls);
    }

    @Test
    void aFailureNamesTheSocketAndTheReasonAndReleasesTheOnesBoundBefore() {
        system.failing("bind 4", Errno.EADDRINUSE);
        CatflapException e = assertThrows(CatflapException.class,
                () -> binder.bindAll(specs("127.0.0.1:8000", "tcp://127.0.0.1:8001", "127.0.0.1:8002"), BACKLOG));
        assertEquals("cannot listen on tcp://127.0.0.1:8001: address already in use", e.getMessage());
        assertEquals(ExitStatus.FAILURE, e.status());
        assertEquals(List.of("close 4", "close 3"), system.calls.stream().filter(call -> call.startsWith("close")).toList());
        assertEquals(List.of(), system.calls.stream().filter(call -> call.contains("8002")).toList(), "the third is never tried");
    }

    @Test
    void aPortThatNeedsPrivilegesSaysSo() {
        system.failing("bind 3", Errno.EACCES);
        CatflapException e = assertThrows(CatflapException.class, () -> binder.bindAll(specs("0.0.0.0:80"), BACKLOG));
        assertEquals("cannot listen on 0.0.0.0:80: permission denied (ports below 1024 need privileges)", e.getMessage());
    }

    @Test
    void aUnixSocketThatCannotListenLeavesNoFileBehind() {
        system.failing("listen 3", Errno.EINVAL);
        CatflapException e = assertThrows(CatflapException.class, () -> binder.bindAll(specs("unix:/run/app.sock"), BACKLOG));
        assertEquals("cannot listen on unix:/run/app.sock: invalid argument", e.getMessage());
        assertEquals(List.of("socket unix stream", "bind 3 unix:/run/app.sock", "listen 3 128", "close 3", "unlink /run/app.sock"),
                system.calls);
    }

    @Test
    void releaseClosesTheSocketAndRemovesItsFile() {
        List<BoundSocket> bound = binder.bindAll(specs("unix:/run/app.sock", "unix:@abstract"), BACKLOG);
        system.calls.clear();
        bound.forEach(binder::release);
        assertEquals(List.of("close 3", "unlink /run/app.sock", "close 4"), system.calls);
    }

    private static List<ListenSpec> specs(String... texts) {
        return List.of(texts).stream().map(ListenSpec::parse).toList();
    }

    /** Sockets, descriptors and files that log each call and fail where told to. */
    private static final class FakeSystem extends UnusedFileAccess implements Sockets, Descriptors {
        final List<String> calls = new ArrayList<>();
        private final Map<String, Integer> failures = new HashMap<>();
        private final Map<Integer, byte[]> addresses = new HashMap<>();
        private int nextFd = 3;

        void failing(String call, int errno) {
            failures.put(call, errno);
        }

        private void call(String call) {
            calls.add(call);
            String[] words = call.split(" ");
            Integer errno = failures.get(words.length < 2 ? call : words[0] + " " + words[1]); // "bind 4"
            if (errno != null) {
                throw new PosixException(call, errno);
            }
        }

        @Override
        public int socket(Family family, Type type, boolean nonBlocking) {
            String name = switch (family) {
                case IPV4 -> "inet";
                case IPV6 -> "inet6";
                case UNIX -> "unix";
            };
            call("socket " + name + (type == Type.STREAM ? " stream" : " datagram") + (nonBlocking ? " nonblocking" : ""));
            return nextFd++;
        }

        @Override
        public void enableOption(int fd, Option option) {
            call("setsockopt " + fd + switch (option) {
                case REUSE_ADDRESS -> " reuseaddr";
                case IPV6_ONLY -> " v6only";
            });
        }

        @Override
        public void bind(int fd, byte[] sockaddr) {
            call("bind " + fd + " " + text(sockaddr));
            addresses.put(fd, sockaddr);
        }

        @Override
        public void listen(int fd, int backlog) {
            call("listen " + fd + " " + backlog);
        }

        @Override
        public void connect(int fd, byte[] sockaddr) {
            call("connect " + fd + " " + text(sockaddr));
        }

        /** The bound address; port 0 becomes 40000, as the kernel picks one. */
        @Override
        public byte[] localAddress(int fd) {
            call("getsockname " + fd);
            byte[] address = addresses.get(fd).clone();
            if (SocketAddressCodec.family(address) != Family.UNIX && SocketAddressCodec.port(address) == 0) {
                ByteBuffer.wrap(address).putShort(2, (short) 40000);
            }
            return address;
        }

        @Override
        public int acceptQueueLength(int fd) {
            throw new UnsupportedOperationException("binding asks no queue length");
        }

        @Override
        public void close(int fd) {
            call("close " + fd);
        }

        @Override
        public void unlink(byte[] path) {
            call("unlink " + new String(path, StandardCharsets.UTF_8));
        }

        private static String text(byte[] sockaddr) {
            if (SocketAddressCodec.family(sockaddr) == Family.UNIX) {
                return "unix:" + SocketAddressCodec.unixPath(sockaddr);
            }
            InetAddress address = SocketAddressCodec.address(sockaddr);
            return IpLiteral.format(address) + ":" + SocketAddressCodec.port(sockaddr);
        }

        @Override
        public int duplicateAtOrAbove(int fd, int lowest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void duplicateTo(int fd, int target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setCloseOnExec(int fd, boolean closeOnExec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBlocking(int fd) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void closeOnExecFrom(int first) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void closeOnExecAgainFrom(int first) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int[] pipe() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean writeAll(int fd, byte[] bytes) {
            throw new UnsupportedOperationException();
        }
    }
}
