/**
 * Notifications: an in-app inbox and mail over SMTP, written in the transaction of the
 * change that causes them and delivered from that outbox by a Quartz job.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notify")
package com.example.imoc.notify;
