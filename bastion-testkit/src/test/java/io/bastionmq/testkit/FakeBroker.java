package io.bastionmq.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Stands in for {@code io.bastionmq.cli.Main} in BrokerProcess's own tests: a JVM that prints the
 * ready line and accepts connections on the port given, or fails on demand.
 *
 * <p>Arguments: {@code <port> ready|fail|silent}.
 */
final class FakeBroker {

    private FakeBroker() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        switch (args[1]) {
            case "fail" -> {
                System.err.println("config error: no listener");
                System.exit(3);
            }
            case "silent" -> Thread.sleep(Long.MAX_VALUE);
            default -> {
                try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                    System.out.println("fake broker listening on 127.0.0.1:" + port);
                    System.out.flush();
                    while (true) {
                        Socket socket = server.accept();
                        socket.getOutputStream().write(new byte[] {(byte) 0xd0, 0x00});
                        socket.close();
                    }
                }
            }
        }
    }
}
