package dev.portcullis.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Load that runs while a test breaks something: workers repeat a request until stopped,
 * and every answer is recorded with when it started, how long it took, its status and its
 * problem {@code code}. The test then asks what happened in and around the outage.
 */
final class Traffic implements AutoCloseable {

	private final long origin = System.nanoTime();

	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ExecutorService workers;

	private final List<Future<?>> loops = new java.util.ArrayList<>();

	Traffic(int workers) {
		this.workers = Executors.newFixedThreadPool(workers);
	}

	/** Repeats {@code request} on one worker until {@link #stop()}. */
	void repeat(String kind, Request request) {
		this.loops.add(this.workers.submit(() -> {
			while (this.running.get()) {
				long started = System.nanoTime();
				Result result;
				try {
					result = request.send();
				}
				catch (RuntimeException | AssertionError ex) {
					result = new Result(-1, ex.toString());
				}
				this.answers.add(new Answer(kind, millis(started), (System.nanoTime() - started) / 1_000_000,
						result.status(), result.code()));
			}
			return null;
		}));
	}

	/** Milliseconds since this traffic started: the time line answers are placed on. */
	long now() {
		return millis(System.nanoTime());
	}

	void stop() throws Exception {
		this.running.set(false);
		for (Future<?> loop : this.loops) {
			loop.get(60, TimeUnit.SECONDS);
		}
	}

	List<Answer> answers(Predicate<Answer> filter) {
		return this.answers.stream().filter(filter).toList();
	}

	List<Answer> answers() {
		return List.copyOf(this.answers);
	}

	/** Answers by {@code kind status code}, for the figures a test prints. */
	static Map<String, Long> tally(List<Answer> answers) {
		return answers.stream()
			.collect(Collectors.groupingBy(
					(answer) -> answer.kind() + " " + answer.status()
							+ ((answer.code() != null) ? " " + answer.code() : ""),
					TreeMap::new, Collectors.counting()));
	}

	static Duration longest(List<Answer> answers) {
		return Duration.ofMillis(answers.stream().mapToLong(Answer::millis).max().orElse(0));
	}

	private long millis(long nanos) {
		return (nanos - this.origin) / 1_000_000;
	}

	@Override
	public void close() throws Exception {
		this.running.set(false);
		this.workers.shutdownNow();
		this.workers.awaitTermination(30, TimeUnit.SECONDS);
	}

	@FunctionalInterface
	interface Request {

		Result send();

	}

	/** A status ({@code -1}: no answer) and the problem code, if any. */
	record Result(int status, String code) {

	}

	/** One answer: what was asked, when (ms since start), how long it took. */
	record Answer(String kind, long at, long millis, int status, String code) {

		boolean is5xx() {
			return this.status >= 500 || this.status < 0;
		}

	}

}
