package lab.c10k.service.system;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells an outage of MySQL or Redis (unreachable, timed out, connection lost) from a bug. An outage
 * is a 503 the client may retry; anything else is a 500 that every test fails on. Besides Spring's
 * DAO exceptions, R2DBC's and Lettuce's own, a {@link TimeoutException} is an outage here: it is how
 * Reactor's {@code timeout} operator reports the bound on a MySQL operation. So is a bare I/O error
 * (Spring Data Redis wraps a reset connection without Lettuce's exception) and a connection that
 * r2dbc-mysql lost under queued requests. And a Redis client that a shutdown stopped under a request still being
 * served (Reactor Netty serves requests on kept-alive connections after its graceful shutdown has ended): the service
 * is going away, and the client retries elsewhere or later.
 */
public final class Outages {

	private Outages() {
	}

	public static boolean isOutage(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof CannotCreateTransactionException || t instanceof TransactionSystemException
					|| t instanceof R2dbcTransientException || t instanceof R2dbcNonTransientResourceException
					|| t instanceof RedisException || t instanceof TimeoutException || t instanceof IOException
					|| isMysqlClientLoss(t) || isRedisClientStopped(t)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * r2dbc-mysql reports a connection that died under queued requests with a bare
	 * IllegalStateException from its client layer ("Request queue was disposed"), not an R2DBC one.
	 */
	private static boolean isMysqlClientLoss(Throwable t) {
		return isIllegalStateFrom(t, "io.asyncer.r2dbc.mysql.client.");
	}

	/** "LettuceConnectionFactory is STOPPING" (or "has been STOPPED"), from its own start check. */
	private static boolean isRedisClientStopped(Throwable t) {
		return isIllegalStateFrom(t, "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory");
	}

	private static boolean isIllegalStateFrom(Throwable t, String classNamePrefix) {
		StackTraceElement[] frames = t.getStackTrace();
		return t instanceof IllegalStateException && frames.length > 0
				&& frames[0].getClassName().startsWith(classNamePrefix);
	}

	/** Which server a failure came from, for the problem's detail (never the exception's own text). */
	public static String serverOf(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RedisException || t.getClass().getName().startsWith("org.springframework.data.redis")
					|| isRedisClientStopped(t)) {
				return "Redis";
			}
		}
		return "MySQL";
	}

}
