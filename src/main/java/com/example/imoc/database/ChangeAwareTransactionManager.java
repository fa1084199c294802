package com.example.imoc.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's JPA transaction manager (it runs JDBC and JPA work alike), telling
 * {@link DataChanges} right after a commit that changed shown data, so this node's caches
 * never serve its own users a page or feed from before their change. Whether the
 * transaction changed shown data is asked of the transaction itself: the V9 trigger sets
 * the transaction-local {@code imoc.data_changed} (one extra round trip per read-write
 * commit; read-only ones skip it), after JPA's pending changes have been flushed
 * (otherwise Hibernate would send them inside the commit, after the question).
 */
class ChangeAwareTransactionManager extends JpaTransactionManager {

	private final transient DataChanges changes;

	ChangeAwareTransactionManager(DataChanges changes) {
		this.changes = changes;
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		if (!status.isReadOnly()) {
			flush();
		}
		boolean changed = !status.isReadOnly() && changedShownData();
		super.doCommit(status);
		if (changed) {
			this.changes.changed();
		}
	}

	/**
	 * Sends JPA's pending changes now rather than inside the commit, so the trigger has
	 * run (and marked the transaction) by the time {@link #changedShownData()} asks. A
	 * failure is translated as the commit would be (an optimistic-locking conflict stays
	 * an ObjectOptimisticLockingFailureException).
	 */
	private void flush() {
		Object holder = TransactionSynchronizationManager.getResource(obtainEntityManagerFactory());
		if (holder instanceof EntityManagerHolder entityManagerHolder) {
			try {
				entityManagerHolder.getEntityManager().flush();
			}
			catch (RuntimeException ex) {
				throw DataAccessUtils.translateIfNecessary(ex, getJpaDialect());
			}
		}
	}

	private boolean changedShownData() {
		DataSource dataSource = getDataSource();
		Object holder = dataSource == null ? null : TransactionSynchronizationManager.getResource(dataSource);
		if (!(holder instanceof ConnectionHolder connectionHolder)) {
			return true; // cannot ask: assume it did, which only costs a cache refill
		}
		Connection connection;
		try {
			connection = connectionHolder.getConnection();
		}
		catch (IllegalStateException noConnection) {
			return true;
		}
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select current_setting('imoc.data_changed', true)")) {
			return result.next() && "yes".equals(result.getString(1));
		}
		catch (SQLException ex) {
			return true; // the commit below will report the real problem
		}
	}

}
