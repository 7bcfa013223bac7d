package network.peere.app;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar peere.jar [serve]} runs the server; any other first argument is an operator CLI command. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        PeereConfig config;
        try {
            config = PeereConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("peere: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!command.equals("serve")) {
            System.exit(new OperatorCli(config, System.out, System.err).run(command, rest));
            return;
        }
        PeereServer server = PeereServer.start(config);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Peere stopping");
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
