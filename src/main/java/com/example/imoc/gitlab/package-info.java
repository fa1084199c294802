/**
 * GitLab incident issues feeding the incident record: a project's "Issue events" webhook
 * (verified by its secret token) and a one-off import through GitLab's REST API turn
 * issues of type incident into incidents, through the incident module's own service (so
 * validation, audit and the availability figures are the form's), keyed by project and
 * issue number so that a replayed event or a second import changes nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "GitLab incidents")
package com.example.imoc.gitlab;
