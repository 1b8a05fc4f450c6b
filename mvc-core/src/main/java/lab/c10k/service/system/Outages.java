package lab.c10k.service.system;

import io.lettuce.core.RedisException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells an outage of MySQL or Redis (unreachable, timed out, connection lost) from a bug. An outage
 * is a 503 the client may retry; anything else is a 500 that every test fails on.
 */
public final class Outages {

	private Outages() {
	}

	public static boolean isOutage(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof QueryTimeoutException || t instanceof CannotCreateTransactionException
					|| t instanceof TransactionSystemException || t instanceof TransactionTimedOutException
					|| t instanceof RedisException || t instanceof java.sql.SQLTransientException
					|| t instanceof java.sql.SQLRecoverableException) {
				return true;
			}
		}
		return false;
	}

	/** Which server a failure came from, for the problem's detail (never the exception's own text). */
	public static String serverOf(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RedisException || t.getClass().getName().startsWith("org.springframework.data.redis")) {
				return "Redis";
			}
		}
		return "MySQL";
	}

}
