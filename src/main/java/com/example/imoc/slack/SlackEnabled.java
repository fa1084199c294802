package com.example.imoc.slack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The Slack app's beans exist only when both its bot token and its signing secret are
 * configured ({@code IMOC_SLACK_BOT_TOKEN}, {@code IMOC_SLACK_SIGNING_SECRET}); without
 * them nothing talks to Slack and {@code /slack/**} does not exist.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(prefix = "imoc.slack", name = { "bot-token", "signing-secret" })
@interface SlackEnabled {

}
