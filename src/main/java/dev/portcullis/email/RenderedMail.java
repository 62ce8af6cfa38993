package dev.portcullis.email;

/**
 * A message ready to send: its subject and both bodies. The bodies may carry a token
 * link.
 */
record RenderedMail(String subject, String text, String html) {

	@Override
	public String toString() {
		return "RenderedMail[subject=" + this.subject + "]";
	}

}
