/**
 * The Slack app: the {@code /imoc} slash command, Accept / Decline / "Take it" buttons
 * answered through the swap service, handoffs and coverage gaps posted to each rotation's
 * channel, a user group kept equal to whoever is on call, and Slack as a further delivery
 * channel of the notification outbox. On only when {@code imoc.slack.bot-token} and
 * {@code imoc.slack.signing-secret} are set ({@link SlackEnabled}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Slack")
package com.example.imoc.slack;
