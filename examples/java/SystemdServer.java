// catflap example: a JDK-only HTTP server using the systemd protocol (catflap --systemd).
//   target/catflap -p 8080 --systemd -- java --enable-native-access=ALL-UNNAMED examples/java/SystemdServer.java
//
// Needs JDK 22+. The JDK's only public way to turn an inherited fd into a channel
// is System.inheritedChannel(), and that only looks at fd 0, while the systemd
// protocol passes sockets from fd 3. So we dup2(3, 0) through the Foreign Function
// & Memory API (final in JDK 22) before asking for the inherited channel. On JDK 17
// there is no way to do this without JNI or --add-opens into JDK internals; use
// InheritedChannelServer with catflap --stdin there instead.

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

public class SystemdServer {
    static final int SD_LISTEN_FDS_START = 3;

    public static void main(String[] args) throws Throwable {
        long pid = ProcessHandle.current().pid();
        // Same checks as sd_listen_fds(3): the variables are only meant for us
        // if LISTEN_PID (when set) is our pid, e.g. not a leftover from a parent.
        String listenPid = System.getenv("LISTEN_PID");
        if (listenPid != null && !listenPid.isEmpty() && !listenPid.equals(Long.toString(pid))) {
            fail("LISTEN_PID=" + listenPid + " is not our pid " + pid);
        }
        String listenFds = System.getenv("LISTEN_FDS");
        if (listenFds == null || !listenFds.matches("[0-9]+") || Integer.parseInt(listenFds) < 1) {
            fail("LISTEN_FDS=" + listenFds + ", expected at least 1; run me under catflap --systemd");
        }

        // Move the first passed socket onto fd 0, where System.inheritedChannel() looks.
        // This must happen before anything calls System.inheritedChannel(), which caches.
        Linker linker = Linker.nativeLinker();
        MethodHandle dup2 = linker.downcallHandle(
                linker.defaultLookup().find("dup2").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        if ((int) dup2.invokeExact(SD_LISTEN_FDS_START, 0) != 0) {
            fail("dup2(" + SD_LISTEN_FDS_START + ", 0) failed: is fd 3 open?");
        }
        if (!(System.inheritedChannel() instanceof ServerSocketChannel server)) {
            fail("fd " + SD_LISTEN_FDS_START + " is not a listening socket");
            return;
        }
        System.err.println("java pid " + pid + " accepting on " + server.getLocalAddress());

        byte[] body = ("hello from java pid " + pid + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // On SIGTERM/Ctrl-C, stop accepting but let the request in hand finish, so
        // no client is reset; later clients wait in the socket's queue for the
        // next server. (The JVM still exits with 128+signal, e.g. 143.)
        Thread mainThread = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close(); // only our copy of the fd; the socket stays open
                mainThread.join(5_000);
            } catch (IOException | InterruptedException ignored) {
            }
        }));
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                // Read the request head first: closing a socket with unread input
                // makes the kernel send RST, which can eat our reply.
                BufferedReader in = new BufferedReader(
                        Channels.newReader(client, StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // ignore the request; every request gets the same answer
                }
                client.write(ByteBuffer.wrap(head));
                client.write(ByteBuffer.wrap(body));
            } catch (ClosedChannelException e) {
                break; // closed by the shutdown hook
            } catch (IOException e) {
                System.err.println("client error: " + e); // one bad client must not stop the server
            }
        }
    }

    static void fail(String message) {
        System.err.println("SystemdServer: " + message);
        System.exit(1);
    }
}
