package lab.c10k.service.system;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import lab.c10k.common.problem.ApiException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OutagesTest {

	@Test
	void unreachableOrSlowServersAreOutages() {
		assertThat(Outages.isOutage(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
				new ConnectException("refused")))).isTrue();
		assertThat(Outages.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
		assertThat(Outages.isOutage(new R2dbcTimeoutException("pool acquire timed out"))).isTrue();
		assertThat(Outages.isOutage(new R2dbcNonTransientResourceException("connection closed"))).isTrue();
		assertThat(Outages.isOutage(new TimeoutException("Did not observe any item within 5000ms"))).isTrue();
		assertThat(Outages.isOutage(new RedisConnectionFailureException("down"))).isTrue();
		assertThat(Outages.isOutage(new RedisSystemException("wrapped", new RedisCommandTimeoutException("slow"))))
			.isTrue();
		assertThat(Outages.isOutage(new RedisConnectionException("refused"))).isTrue();
		assertThat(Outages.isOutage(new RedisSystemException("reset", new IOException("Connection reset by peer"))))
			.isTrue();
	}

	/** What a request served after the shutdown stopped the Redis client meets (SigtermLabTest saw it). */
	@Test
	void aRedisClientStoppedByTheShutdownIsAnOutageOfRedis() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", 1);
		factory.start();
		factory.stop();
		IllegalStateException stopped = catchThrowableOfType(IllegalStateException.class,
				() -> factory.getConnection().close());

		assertThat(stopped).hasMessageContaining("STOPPED");
		assertThat(Outages.isOutage(stopped)).isTrue();
		assertThat(Outages.serverOf(stopped)).isEqualTo("Redis");
	}

	@Test
	void bugsAndExpectedOutcomesAreNot() {
		assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
		assertThat(Outages.isOutage(new DuplicateKeyException("duplicate"))).isFalse();
		assertThat(Outages.isOutage(ApiException.soldOut(1))).isFalse();
	}

	@Test
	void theServerIsNamedFromTheFailure() {
		assertThat(Outages.serverOf(new RedisConnectionFailureException("down"))).isEqualTo("Redis");
		assertThat(Outages.serverOf(new RedisSystemException("x", new RedisCommandTimeoutException("slow"))))
			.isEqualTo("Redis");
		assertThat(Outages.serverOf(new TimeoutException())).isEqualTo("MySQL");
		assertThat(Outages.serverOf(new R2dbcTimeoutException("pool"))).isEqualTo("MySQL");
	}

}
