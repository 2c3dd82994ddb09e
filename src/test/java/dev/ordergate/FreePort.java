package dev.ordergate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port nobody listens on, chosen before the context starts so the peers' URLs can name it.
 *
 * <p>Chosen below the kernel's ephemeral range (32768 and up on Linux): a port the kernel picks for {@code new
 * ServerSocket(0)} is one it also hands to outgoing connections, and a node that binds it seconds later (after its
 * peers have started and opened connections) found it taken once ("Failed to start bean 'webServerStartStop'" in
 * NodeFaultsTest). A port handed out before in this JVM is not handed out again.
 */
public final class FreePort {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_767;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    public static int find() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + FIRST + " and " + LAST + " after 200 tries");
    }

    private static boolean bindable(int port) {
        // The wildcard address conflicts with a listener on any address, loopback included.
        try (ServerSocket any = new ServerSocket()) {
            any.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
