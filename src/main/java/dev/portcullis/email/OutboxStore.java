package dev.portcullis.email;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of {@code email_outbox} and {@code email_sent_once}. A message is
 * {@code pending} until sent or given up; a claim reserves due messages for a lease with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent instances never claim the same row, and
 * every later update applies only to a still-pending row.
 */
@Component
class OutboxStore {

	private final DatabaseClient db;

	OutboxStore(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> insert(NewMessage message) {
		return this.db
			.sql("insert into email_outbox (id, message_id, recipient, subject, template, body, created_at, "
					+ "next_attempt_at) values (:id, :messageId, :recipient, :subject, :template, :body, :now, :now)")
			.bind("id", message.id())
			.bind("messageId", message.messageId())
			.bind("recipient", message.recipient())
			.bind("subject", message.subject())
			.bind("template", message.template())
			.bind("body", message.sealedBody())
			.bind("now", message.createdAt())
			.then();
	}

	/**
	 * Answers whether {@code key} was new: concurrent callers race on the primary key.
	 */
	Mono<Boolean> firstTime(String key, Instant now) {
		return this.db
			.sql("insert into email_sent_once (key, created_at) values (:key, :now) "
					+ "on conflict do nothing returning key")
			.bind("key", key)
			.bind("now", now)
			.map((row, meta) -> true)
			.one()
			.defaultIfEmpty(false);
	}

	/**
	 * Claims up to {@code limit} due messages until {@code leaseEnd}, counting the
	 * attempt.
	 */
	Flux<Claimed> claimDue(Instant now, Instant leaseEnd, int limit) {
		return this.db.sql("""
				update email_outbox set locked_until = :leaseEnd, attempts = attempts + 1
				 where id in (select id from email_outbox
				               where status = 'pending' and next_attempt_at <= :now
				                 and (locked_until is null or locked_until <= :now)
				               order by next_attempt_at limit :limit for update skip locked)
				returning id, message_id, recipient, subject, template, body, attempts, created_at""")
			.bind("leaseEnd", leaseEnd)
			.bind("now", now)
			.bind("limit", limit)
			.map(OutboxStore::toClaimed)
			.all();
	}

	/** The body is cleared: once sent, nothing needs the links it carried. */
	Mono<Void> markSent(UUID id, Instant now) {
		return this.db
			.sql("update email_outbox set status = 'sent', sent_at = :now, body = null, locked_until = null, "
					+ "last_error = null where id = :id and status = 'pending'")
			.bind("now", now)
			.bind("id", id)
			.then();
	}

	Mono<Void> giveUp(UUID id, String error) {
		return this.db
			.sql("update email_outbox set status = 'failed', body = null, locked_until = null, "
					+ "last_error = :error where id = :id and status = 'pending'")
			.bind("error", error)
			.bind("id", id)
			.then();
	}

	Mono<Void> retryAt(UUID id, Instant next, String error) {
		return this.db
			.sql("update email_outbox set next_attempt_at = :next, locked_until = null, last_error = :error "
					+ "where id = :id and status = 'pending'")
			.bind("next", next)
			.bind("error", error)
			.bind("id", id)
			.then();
	}

	/** Deletes sent and given-up messages created before {@code cutoff}. */
	Mono<Void> deleteEndedBefore(Instant cutoff) {
		return this.db.sql("delete from email_outbox where status <> 'pending' and created_at < :cutoff")
			.bind("cutoff", cutoff)
			.then();
	}

	Mono<Pending> pending() {
		return this.db
			.sql("select count(*) as pending, min(created_at) as oldest from email_outbox "
					+ "where status = 'pending'")
			.map((row, meta) -> {
				Long count = row.get("pending", Long.class);
				return new Pending((count != null) ? count : 0, row.get("oldest", Instant.class));
			})
			.one();
	}

	private static Claimed toClaimed(Readable row) {
		return new Claimed(row.get("id", UUID.class), row.get("message_id", String.class),
				row.get("recipient", String.class), row.get("subject", String.class), row.get("template", String.class),
				row.get("body", String.class), row.get("attempts", Integer.class),
				row.get("created_at", Instant.class));
	}

	record NewMessage(UUID id, String messageId, String recipient, String subject, String template, String sealedBody,
			Instant createdAt) {

		@Override
		public String toString() {
			return "NewMessage[messageId=" + this.messageId + "]";
		}

	}

	record Claimed(UUID id, String messageId, String recipient, String subject, String template, String body,
			int attempts, Instant createdAt) {

		@Override
		public String toString() {
			return "Claimed[messageId=" + this.messageId + "]";
		}

	}

	/** How many messages wait, and since when the oldest ({@code null} when none). */
	record Pending(long count, Instant oldest) {

	}

}
