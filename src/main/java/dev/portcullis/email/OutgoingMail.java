package dev.portcullis.email;

/**
 * One message as a transport sends it. {@code messageId} is fixed when the message is
 * queued and sent unchanged on every attempt, so a receiver can drop the duplicate that
 * at-least-once delivery may produce.
 */
record OutgoingMail(String messageId, String from, String to, String subject, String text, String html) {

	@Override
	public String toString() {
		return "OutgoingMail[messageId=" + this.messageId + ", subject=" + this.subject + "]";
	}

}
