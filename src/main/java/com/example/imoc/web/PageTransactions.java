package com.example.imoc.web;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.imoc.web.layout.CachedPages;

/**
 * One read-only transaction for a whole view of a page the modules declared as
 * {@link CachedPages}, its {@code @ModelAttribute} methods included: the services'
 * {@code @Transactional(readOnly = true)} methods join it instead of each beginning and
 * committing their own (issue 17: a first view of {@code /} opened seven, and their begin
 * and commit were 18 % of its CPU). One snapshot for the page, too: every part of it
 * reads the same committed state.
 * <p>
 * Only those pages, because a page the cache may replay without running its handler must
 * not write anyway; a write inside would fail ("cannot execute … in a read-only
 * transaction"). The transaction ends once the handler has filled the model, before the
 * view is rendered: rendering reads nothing from the database ({@code open-in-view} is
 * off), so the connection goes back to the pool for the rendering (docs/ARCHITECTURE.md,
 * "One transaction per page view").
 */
class PageTransactions implements HandlerInterceptor {

	private static final String STATUS = PageTransactions.class.getName() + ".STATUS";

	private static final TransactionDefinition READ_ONLY = readOnly();

	private final List<CachedPages> pages;

	private final PlatformTransactionManager transactions;

	PageTransactions(List<CachedPages> pages, PlatformTransactionManager transactions) {
		this.pages = List.copyOf(pages);
		this.transactions = transactions;
	}

	private static TransactionDefinition readOnly() {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setReadOnly(true);
		definition.setName(PageTransactions.class.getSimpleName());
		return definition;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod && request.getDispatcherType() == DispatcherType.REQUEST
				&& ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
				&& request.getAttribute(STATUS) == null && isPage(request)) {
			request.setAttribute(STATUS, this.transactions.getTransaction(READ_ONLY));
		}
		return true;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) {
		end(request);
	}

	/** After a handler's exception (no {@link #postHandle} then). */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		end(request);
	}

	private void end(HttpServletRequest request) {
		if (request.getAttribute(STATUS) instanceof TransactionStatus status) {
			request.removeAttribute(STATUS);
			if (!status.isCompleted()) {
				// Read-only: nothing to keep, and a rollback also ends one an error
				// aborted.
				this.transactions.rollback(status);
			}
		}
	}

	private boolean isPage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.pages.stream().anyMatch(declared -> declared.matches(path));
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration implements WebMvcConfigurer {

		private final PageTransactions interceptor;

		Registration(List<CachedPages> pages, PlatformTransactionManager transactions) {
			this.interceptor = new PageTransactions(pages, transactions);
		}

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(this.interceptor);
		}

	}

}
