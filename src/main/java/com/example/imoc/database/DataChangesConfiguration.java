package com.example.imoc.database;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Replaces Boot's JPA transaction manager with one that reports committed changes to
 * {@link DataChanges}.
 */
@Configuration(proxyBeanMethods = false)
class DataChangesConfiguration {

	@Bean
	PlatformTransactionManager transactionManager(DataChanges changes,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		ChangeAwareTransactionManager transactionManager = new ChangeAwareTransactionManager(changes);
		customizers.ifAvailable(c -> c.customize(transactionManager));
		return transactionManager;
	}

}
