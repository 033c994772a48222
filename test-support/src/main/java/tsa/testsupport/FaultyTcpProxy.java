package tsa.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP proxy in front of a real server (PostgreSQL) that can take the server away from its clients the way a
 * restart or a failover does: {@link #cutAll} closes every open connection at once and refuses every new one (accepted,
 * then closed before a byte is answered) until {@link #restore}. The server itself keeps running, so what it committed
 * before the cut is still there afterwards and what was in flight is rolled back by the server, as after a crash.
 */
public final class FaultyTcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger severed = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private FaultyTcpProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /** Starts a proxy on a free loopback port that forwards to {@code host:port}. */
    public static FaultyTcpProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultyTcpProxy proxy = new FaultyTcpProxy(new InetSocketAddress(host, port), listener);
            daemon("tcp-proxy-accept", proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The server is gone: every open connection is closed now and every new one until {@link #restore}. */
    public FaultyTcpProxy cutAll() {
        down.set(true);
        for (Socket socket : open) {
            if (open.remove(socket)) {
                severed.incrementAndGet();
                closeQuietly(socket);
            }
        }
        return this;
    }

    /** The server is back: new connections are forwarded again. */
    public FaultyTcpProxy restore() {
        down.set(false);
        return this;
    }

    /** Connections accepted so far (forwarded or refused). */
    public int connections() {
        return connections.get();
    }

    /** Client-side sockets closed by {@link #cutAll} while open (each forwarded connection has one). */
    public int severed() {
        return severed.get() / 2;
    }

    /** Connections refused while the server was away. */
    public int refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            connections.incrementAndGet();
            if (down.get()) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(target, 2000);
            } catch (IOException e) {
                refused.incrementAndGet();
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            open.add(client);
            open.add(server);
            daemon("tcp-proxy-up", () -> pipe(client, server)).start();
            daemon("tcp-proxy-down", () -> pipe(server, client)).start();
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // either side closed, or the connection was cut
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        cutAll();
    }
}
