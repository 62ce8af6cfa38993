package dev.portcullis.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of three masters (no replicas) on free loopback ports, made with
 * {@code redis-cli --cluster create}; every slot is served once {@link #start()} returns.
 */
public final class RedisCluster implements AutoCloseable {

	private final List<RedisProcess> nodes;

	private RedisCluster(List<RedisProcess> nodes) {
		this.nodes = nodes;
	}

	public static RedisCluster start() {
		List<RedisProcess> nodes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			nodes.add(RedisProcess.cluster());
		}
		RedisCluster cluster = new RedisCluster(nodes);
		List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		nodes.forEach((node) -> command.add(node.address()));
		command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		run(command);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> nodes.stream()
				.allMatch((node) -> run(List.of("redis-cli", "-p", Integer.toString(node.port()), "cluster", "info"))
					.contains("cluster_state:ok")));
		return cluster;
	}

	/** The value of {@code spring.data.redis.cluster.nodes}. */
	public String nodes() {
		return this.nodes.stream().map(RedisProcess::address).collect(Collectors.joining(","));
	}

	public List<RedisProcess> members() {
		return this.nodes;
	}

	/** Runs {@code redis-cli -c} against the first node (it follows redirects). */
	public String cli(String... arguments) {
		return cli(this.nodes.get(0), arguments);
	}

	/** Runs {@code redis-cli -c} against one node. */
	public String cli(RedisProcess node, String... arguments) {
		List<String> command = new ArrayList<>(List.of("redis-cli", "-c", "-p", Integer.toString(node.port())));
		command.addAll(List.of(arguments));
		return run(command);
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run redis-cli (is it installed? see .ci/run)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.nodes.forEach(RedisProcess::close);
	}

}
