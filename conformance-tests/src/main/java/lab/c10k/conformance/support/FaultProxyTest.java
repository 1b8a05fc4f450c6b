package lab.c10k.conformance.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault proxy's own test, against an echo server: it runs with the suite, needing no service. */
@Timeout(20)
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::echoLoop);
        proxy = FaultProxy.start("echo", "127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passForwardsBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "ping")).isEqualTo("ping");
        }
    }

    @Test
    void stallHoldsTrafficAndForwardsItWhenPassingAgain() throws IOException {
        try (Socket socket = connect()) {
            proxy.stall();
            send(socket, "held");
            assertThatThrownBy(() -> read(socket, 4)).isInstanceOf(SocketTimeoutException.class);

            proxy.pass();

            assertThat(read(socket, 4)).isEqualTo("held");
        }
    }

    @Test
    void cutResetsOpenConnectionsAndEveryNewOneUntilPassingAgain() throws IOException {
        try (Socket open = connect(); Socket late = new Socket()) {
            proxy.cut();
            assertThat(endsOrFails(open)).as("an open connection after the cut").isTrue();
            late.connect(new InetSocketAddress(proxy.host(), proxy.port()));
            assertThat(endsOrFails(late)).as("a connection opened while cut").isTrue();
        }
        proxy.pass();
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "back")).isEqualTo("back");
        }
    }

    @Test
    void slowStillForwardsEverything() throws IOException {
        proxy.slow(Duration.ofMillis(100));
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "late")).isEqualTo("late");
        }
        assertThat(proxy.mode()).isEqualTo(FaultProxy.Mode.SLOW);
    }

    @Test
    void delayedSubscriptionsHoldOnlyWhatGoesBackToAConnectionThatSubscribed() throws IOException {
        try (Socket subscriber = connect(); Socket other = connect()) {
            proxy.delaySubscriptions(Duration.ofSeconds(2));
            send(subscriber, "PSUBSCRIBE x");

            assertThatThrownBy(() -> read(subscriber, 12)).isInstanceOf(SocketTimeoutException.class);
            assertThat(roundTrip(other, "GET y")).isEqualTo("GET y");
            proxy.pass();
            subscriber.setSoTimeout(5_000);
            send(subscriber, "!");
            assertThat(read(subscriber, 13)).isEqualTo("PSUBSCRIBE x!");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(300);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.setSoTimeout(5_000);
        send(socket, text);
        return read(socket, text.length());
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String read(Socket socket, int length) throws IOException {
        return new String(socket.getInputStream().readNBytes(length), StandardCharsets.US_ASCII);
    }

    /** True when the peer ended the connection: end of stream or a reset, not a timeout. */
    private static boolean endsOrFails(Socket socket) {
        try {
            socket.setSoTimeout(1_000);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket; InputStream in = socket.getInputStream()) {
                        in.transferTo(socket.getOutputStream());
                    } catch (IOException e) {
                        // The test closed its end.
                    }
                });
            } catch (IOException e) {
                // Closed by the test.
            }
        }
    }
}
