package dev.rewire.deploy.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM, for
 * local mode and integration tests: no Docker, no separate install, only Maven Central artifacts.
 *
 * <p>The log directory is formatted once (the cluster id is kept beside it), so a broker started again
 * on the same directory keeps its topics and offsets. Listeners bind to loopback only. Every internal
 * topic has replication factor 1 and min ISR 1, since there is one node. {@link #close()} shuts the broker
 * down and waits for it; it is idempotent.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    /** Largest record the embedded broker accepts: a 10 MB page plus its JSON envelope. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private boolean closed;

    private LocalKafka(KafkaRaftServer server, String bootstrapServers, Path logDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /**
     * Formats {@code dir} if needed and starts a broker on it, waiting until it answers an admin request.
     *
     * @param dir  the broker's data directory (created if missing)
     * @param port the client listener port, 0 for a free one
     */
    public static LocalKafka start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            Path logDir = dir.resolve("log");
            int clientPort = port > 0 ? port : freePort();
            int controllerPort = freePort();
            Properties props = brokerProperties(logDir, clientPort, controllerPort);
            format(dir, logDir, props);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + clientPort;
            LocalKafka kafka = new LocalKafka(server, bootstrap, logDir);
            try {
                kafka.awaitReady(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            LOG.info("embedded Kafka broker ready at {} (data in {})", bootstrap, dir);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dir, e);
        }
    }

    /** The {@code host:port} clients connect to. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the broker's log segments. */
    public Path logDir() {
        return logDir;
    }

    static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic must fit on it.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        // No waiting for more members to join: there is one process.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        // The cleaner's default 128 MB dedupe buffer is the largest single allocation; a few MB suffice here.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path dir, Path logDir, Properties props) throws IOException {
        Path clusterIdFile = dir.resolve("cluster.id");
        String clusterId;
        if (Files.exists(clusterIdFile)) {
            clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
        } else {
            clusterId = Uuid.randomUuid().toString();
            Files.writeString(clusterIdFile, clusterId, StandardCharsets.UTF_8);
        }
        Path propsFile = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
            props.store(w, "embedded Rewire broker (written at every start)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = StorageTool$.MODULE$.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString(),
                "--ignore-formatted"}, ps);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded broker's log dir " + logDir + " failed: "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker at " + bootstrapServers + " did not become ready", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("stopping the embedded Kafka broker");
        server.shutdown();
        server.awaitShutdown();
    }
}
