package com.example.imoc.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.KeyMatcher;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;

/**
 * The node {@link NodeCrashTests} kills, run in its own JVM: the whole application plus
 * one test-only hook that stalls the Quartz {@code extend-schedules} job inside a chosen
 * rotation's transaction, right after that transaction inserted its shifts. The hook
 * writes a marker file (the transaction id, the rotation, the rows) and then blocks, so
 * the test can SIGKILL this JVM at exactly that point.
 *
 * <p>
 * Nothing here is part of the application: the classes carry no annotation, so component
 * scanning never picks them up; only this {@code main} registers the hook.
 */
public final class NodeStalledMidExtension {

	/** Where the hook writes the marker file. */
	static final String MARKER = "crash-test.marker";

	/**
	 * The rotation whose extension transaction stalls once it has inserted its shifts.
	 */
	static final String STALL_IN_ROTATION = "crash-test.stall-in-rotation";

	private NodeStalledMidExtension() {
	}

	public static void main(String[] args) {
		exitWhenTheParentGoes();
		new SpringApplicationBuilder(ImocApplication.class, StallAfterShiftInsert.class).run(args);
	}

	/**
	 * The test JVM holds this process's stdin; when it dies without killing us (a crashed
	 * build), stdin ends and this node goes too, instead of living on with a stalled
	 * transaction.
	 */
	private static void exitWhenTheParentGoes() {
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// nothing is ever sent; only the end of the stream matters
				}
			}
			catch (IOException ex) {
				// the pipe broke: same as its end
			}
			Runtime.getRuntime().halt(3);
		}, "exit-with-parent");
		watcher.setDaemon(true);
		watcher.start();
	}

	/**
	 * Marks the Quartz worker thread while it runs the extend job, and wraps the
	 * {@link JdbcTemplate} (which {@link ScheduleMaintenance} batch-inserts new shifts
	 * through) so the chosen rotation's insert on that thread stalls after it has run,
	 * still inside its transaction.
	 */
	static final class StallAfterShiftInsert implements BeanPostProcessor {

		private static final ThreadLocal<JobExecutionContext> extendJobOnThisThread = new ThreadLocal<>();

		private final Path marker;

		private final long stallInRotation;

		StallAfterShiftInsert(Environment environment) {
			this.marker = Path.of(environment.getRequiredProperty(MARKER));
			this.stallInRotation = environment.getRequiredProperty(STALL_IN_ROTATION, Long.class);
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof Scheduler scheduler) {
				listenToTheExtendJob(scheduler);
			}
			if (bean.getClass() == JdbcTemplate.class) {
				ProxyFactory proxy = new ProxyFactory(bean);
				proxy.setProxyTargetClass(true);
				proxy.addAdvice((MethodInterceptor) this::stallAfterTheChosenShiftInsert);
				return proxy.getProxy(bean.getClass().getClassLoader());
			}
			return bean;
		}

		private void listenToTheExtendJob(Scheduler scheduler) {
			try {
				scheduler.getListenerManager().addJobListener(new JobListener() {
					@Override
					public String getName() {
						return "crash-test-extend-job-thread";
					}

					@Override
					public void jobToBeExecuted(JobExecutionContext context) {
						// Quartz calls this on the worker thread that then runs the job.
						extendJobOnThisThread.set(context);
					}

					@Override
					public void jobExecutionVetoed(JobExecutionContext context) {
						extendJobOnThisThread.remove();
					}

					@Override
					public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
						extendJobOnThisThread.remove();
					}
				}, KeyMatcher.keyEquals(ScheduleJobs.EXTEND));
			}
			catch (SchedulerException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private Object stallAfterTheChosenShiftInsert(MethodInvocation invocation) throws Throwable {
			Object result = invocation.proceed();
			JobExecutionContext job = extendJobOnThisThread.get();
			if (job != null && invocation.getMethod().getName().equals("batchUpdate")
					&& invocation.getArguments()[0] instanceof String sql
					&& sql.stripLeading().startsWith("insert into shift")) {
				stallInTheChosenRotation(job, (JdbcTemplate) invocation.getThis());
			}
			return result;
		}

		/**
		 * Looks at what this open transaction has written (same thread, so same
		 * connection); if those are the chosen rotation's shifts, reports them and never
		 * returns: only a kill ends it.
		 */
		private void stallInTheChosenRotation(JobExecutionContext job, JdbcTemplate jdbc)
				throws SchedulerException, InterruptedException {
			Map<String, Object> written = jdbc.queryForMap("""
					select pg_current_xact_id()::text as xact, count(*) as shifts,
					       count(distinct rotation_id) as rotations, min(rotation_id) as rotation
					from shift where xmin = pg_current_xact_id()::xid""");
			if (!String.valueOf(this.stallInRotation).equals(String.valueOf(written.get("rotation")))) {
				return;
			}
			Properties report = new Properties();
			written.forEach((key, value) -> report.setProperty(key, String.valueOf(value)));
			report.setProperty("instance", job.getScheduler().getSchedulerInstanceId());
			report.setProperty("trigger", job.getTrigger().getKey().toString());
			report.setProperty("recovering", String.valueOf(job.isRecovering()));
			writeAtomically(report);
			System.out.println("Stalled mid-extension: " + report);
			Thread.sleep(Long.MAX_VALUE);
		}

		/** Written beside, then moved into place, so the test never reads half a file. */
		private void writeAtomically(Properties report) {
			try {
				Path draft = this.marker.resolveSibling(this.marker.getFileName() + ".draft");
				try (var out = Files.newOutputStream(draft)) {
					report.store(out, "open extension transaction of the stalled node");
				}
				Files.move(draft, this.marker, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
