import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs HiveMQ CE in embedded mode for bench/compare: {@code java -cp 'LIB/*' HiveMqLauncher.java HOME}.
 * HOME must hold conf/config.xml (bench/compare writes one that binds 127.0.0.1 only and turns
 * off anonymous usage statistics); data/ and extensions/ are created under it. Prints
 * "HIVEMQ STARTED" once the listener is up, then runs until killed (SIGTERM stops it cleanly)
 * or until {@code --max-seconds N} (default 3600) have passed, so a runner that dies cannot
 * leave it behind for long.
 */
public final class HiveMqLauncher {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: HiveMqLauncher HOME [--max-seconds N]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        long maxSeconds = args.length >= 3 && args[1].equals("--max-seconds") ? Long.parseLong(args[2]) : 3600;
        Path conf = home.resolve("conf");
        Path data = Files.createDirectories(home.resolve("data"));
        Path extensions = Files.createDirectories(home.resolve("extensions"));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                hivemq.stop().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("HiveMQ stop: " + e);
            }
            stopped.countDown();
        }, "hivemq-stop"));
        hivemq.start().get(120, TimeUnit.SECONDS);
        System.out.println("HIVEMQ STARTED");
        System.out.flush();
        if (!stopped.await(maxSeconds, TimeUnit.SECONDS)) {
            System.err.println("HiveMqLauncher: --max-seconds " + maxSeconds + " reached, exiting");
            System.exit(0);
        }
    }
}
