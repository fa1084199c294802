package com.example.imoc.notify;

/**
 * What one person should hear about.
 *
 * @param kind a short machine name, e.g. {@code swap.requested}
 * @param link a path in the app (e.g. {@code /swaps/5}); mails turn it into a full URL
 */
public record Notice(long recipientId, String kind, String subject, String body, String link) {
}
