package com.example.imoc.slack;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the profile page says about a person's Slack account
 * ({@code @slackProfiles.describe(person.id)}): always a bean, so the page renders
 * whether the Slack app is on or not.
 */
@Component("slackProfiles")
class SlackProfiles {

	private final ObjectProvider<SlackAccounts> accounts;

	SlackProfiles(ObjectProvider<SlackAccounts> accounts) {
		this.accounts = accounts;
	}

	/** A sentence about the match, or null when the Slack app is off. */
	public String describe(long personId) {
		SlackAccounts slack = this.accounts.getIfAvailable();
		if (slack == null) {
			return null;
		}
		try {
			return slack.slackUserOf(personId)
				.map(id -> "Matched to Slack user " + id + " by your email")
				.orElse("No Slack user has your email, so the Slack app cannot reach you");
		}
		catch (SlackApi.SlackUnavailable ex) {
			return "Not matched yet: Slack could not be reached (" + ex.getMessage() + ")";
		}
	}

}
